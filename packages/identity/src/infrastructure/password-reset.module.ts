import {
  CommandScheduler,
  EventDispatcher,
  ScheduledCommandRegistry,
} from '@mjomeet/ddd';
import { errorType } from '../application/errors/error-type';
import { AccountLookupPort } from '../application/ports/account-lookup.port';
import { Clock } from '../application/ports/clock.port';
import { PasswordResetNotifierPort } from '../application/ports/password-reset-notifier.port';
import { TelemetryPort } from '../application/ports/telemetry.port';
import { ExpirePasswordResetHandler } from '../application/request-password-reset/expire-password-reset.handler';
import { ExpirePasswordResetScheduledCommand } from '../application/request-password-reset/expire-password-reset.scheduled-command';
import { OnPasswordResetRequestedListener } from '../application/request-password-reset/on-password-reset-requested.listener';
import { RequestPasswordResetHandler } from '../application/request-password-reset/request-password-reset.handler';
import { RandomSource } from '../domain/password-reset/reset-token.value-object';
import { SystemClock } from './clock/system.clock';
import { HmacPseudonymiser } from './crypto/hmac.pseudonymiser';
import { RequestPasswordResetEndpoint } from './http/request-password-reset.endpoint';
import { InMemoryPasswordResetRepository } from './persistence/in-memory-password-reset.repository';
import { SlidingWindowRateLimiter } from './rate-limiting/sliding-window.rate-limiter';
import { InMemoryCommandScheduler } from './scheduling/in-memory-command-scheduler';

/** The limits of RequestPasswordReset, per sliding window. */
export const PasswordResetLimits = {
  /** One client (IPv4 address or IPv6 /64): 10 requests in 15 minutes. */
  requester: { limit: 10, windowMs: 15 * 60 * 1000 },
  /** One address, account or not: 3 requests an hour. */
  account: { limit: 3, windowMs: 60 * 60 * 1000 },
} as const;

export interface PasswordResetModuleOptions {
  /** At least 32 bytes from the secret store. */
  readonly pseudonymisationKey: Buffer;
  readonly accounts: AccountLookupPort;
  readonly notifier: PasswordResetNotifierPort;
  readonly telemetry: TelemetryPort;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Where scheduled commands wait; the listener's only dependency. */
  readonly scheduler?: CommandScheduler;
  readonly limits?: {
    readonly requester: { readonly limit: number; readonly windowMs: number };
    readonly account: { readonly limit: number; readonly windowMs: number };
  };
}

/**
 * The composition root of the use-case: wires the handler, its listener,
 * the expiry and the endpoint to their adapters, and reports every listener
 * failure to telemetry without its message.
 */
export function createPasswordResetModule(options: PasswordResetModuleOptions) {
  const clock = options.clock ?? new SystemClock();
  const limits = options.limits ?? PasswordResetLimits;
  const { telemetry } = options;
  const registry = new ScheduledCommandRegistry().register(
    ExpirePasswordResetScheduledCommand.TYPE,
    ExpirePasswordResetScheduledCommand.VERSION,
    ExpirePasswordResetScheduledCommand.fromPrimitives,
  );
  const queue = new InMemoryCommandScheduler(registry);
  const scheduler = options.scheduler ?? queue;
  const resets = new InMemoryPasswordResetRepository();
  const dispatcher = new EventDispatcher((failure) =>
    telemetry.record('identity.listener.failed', {
      listener: failure.listener,
      eventName: failure.eventName,
      eventId: failure.eventId,
      errorType: errorType(failure.error),
    }),
  ).register(new OnPasswordResetRequestedListener(scheduler));

  const handler = new RequestPasswordResetHandler({
    accounts: options.accounts,
    resets,
    notifier: options.notifier,
    events: dispatcher,
    requesterLimiter: new SlidingWindowRateLimiter({
      ...limits.requester,
      clock,
    }),
    accountLimiter: new SlidingWindowRateLimiter({ ...limits.account, clock }),
    pseudonymiser: new HmacPseudonymiser(options.pseudonymisationKey),
    telemetry,
    clock,
    random: options.random,
  });
  const expire = new ExpirePasswordResetHandler(
    resets,
    dispatcher,
    scheduler,
    clock,
  );
  const endpoint = new RequestPasswordResetEndpoint(handler, telemetry);

  /** Runs what the queue holds that is due; a refused record is reported. */
  async function runDueCommands(): Promise<number> {
    let ran = 0;
    for (const restored of queue.takeDue(clock.now())) {
      if (
        restored.ok &&
        restored.value instanceof ExpirePasswordResetScheduledCommand
      ) {
        const outcome = await expire.execute(restored.value);
        if (!outcome.ok) {
          telemetry.record('identity.scheduler.failed', {
            type: restored.value.type,
            errorType: errorType(outcome.error),
          });
        }
        ran++;
      } else {
        telemetry.record('identity.scheduler.rejected', {
          errorType: restored.ok
            ? restored.value.type
            : errorType(restored.error),
        });
      }
    }
    return ran;
  }

  return {
    endpoint,
    handler,
    expire,
    resets,
    queue,
    dispatcher,
    registry,
    runDueCommands,
  };
}

export type PasswordResetModule = ReturnType<typeof createPasswordResetModule>;
