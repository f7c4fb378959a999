import {
  CommandHandler,
  DomainError,
  err,
  EventPublisher,
  ok,
  Result,
} from '@mjomeet/ddd';
import { AccountId } from '../../domain/password-reset/account-id.value-object';
import { PasswordReset } from '../../domain/password-reset/password-reset.aggregate';
import { PasswordResetRepositoryPort } from '../../domain/password-reset/password-reset.repository.port';
import {
  IssuedResetToken,
  RandomSource,
  ResetToken,
} from '../../domain/password-reset/reset-token.value-object';
import { errorType } from '../errors/error-type';
import { RateLimitedError } from '../errors/rate-limited.error';
import { AccountLookupPort } from '../ports/account-lookup.port';
import { Clock } from '../ports/clock.port';
import { PasswordResetNotifierPort } from '../ports/password-reset-notifier.port';
import { PseudonymiserPort } from '../ports/pseudonymiser.port';
import { RateLimiterPort } from '../ports/rate-limiter.port';
import { TelemetryPort } from '../ports/telemetry.port';
import { RequestPasswordResetCommand } from './request-password-reset.command';

/** The names of what the handler records in telemetry. */
export const PasswordResetTelemetry = {
  REQUESTED: 'identity.password_reset.requested',
  RATE_LIMITED: 'identity.password_reset.rate_limited',
  DELIVERY_FAILED: 'identity.password_reset.delivery_failed',
} as const;

/** The purposes of the pseudonyms, so that the two kinds cannot be joined. */
export const PseudonymPurpose = {
  REQUESTER: 'identity.password-reset.requester',
  ACCOUNT: 'identity.password-reset.account',
} as const;

/** The one answer to every accepted request, known account or not. */
export interface PasswordResetRequestAccepted {
  readonly accepted: true;
}

const ACCEPTED: PasswordResetRequestAccepted = Object.freeze({
  accepted: true,
});

const MIN_TTL_MS = 60 * 1000;
const MAX_TTL_MS = 24 * 60 * 60 * 1000;

export interface RequestPasswordResetDependencies {
  readonly accounts: AccountLookupPort;
  readonly resets: PasswordResetRepositoryPort;
  readonly notifier: PasswordResetNotifierPort;
  readonly events: EventPublisher;
  /** Keyed by the requester's pseudonymised IP address (or IPv6 /64). */
  readonly requesterLimiter: RateLimiterPort;
  /** Keyed by the pseudonymised e-mail address, account or not. */
  readonly accountLimiter: RateLimiterPort;
  readonly pseudonymiser: PseudonymiserPort;
  readonly telemetry: TelemetryPort;
  readonly clock: Clock;
  readonly random?: RandomSource;
  readonly tokenTtlMs?: number;
}

/**
 * Runs RequestPasswordReset without telling the caller whether the address
 * belongs to an account:
 *
 * 1. rate limits, by requester and by address, before anything depends on
 *    the account (so a refusal says nothing about it either);
 * 2. the same work on both paths: one account look-up, one token (32 random
 *    bytes and a SHA-256), one active-request query, one aggregate — for an
 *    unknown address, on a decoy account id that never matches;
 * 3. for a known account only, saving and queueing the link (outbox
 *    writes); their failure is recorded and still answered "accepted";
 * 4. the same answer on both paths.
 */
export class RequestPasswordResetHandler
  implements
    CommandHandler<RequestPasswordResetCommand, PasswordResetRequestAccepted>
{
  /** Never saved, so never found: the unknown path's stand-in account. */
  private readonly decoyAccount = AccountId.generate();
  private readonly tokenTtlMs: number;

  constructor(private readonly deps: RequestPasswordResetDependencies) {
    this.tokenTtlMs = deps.tokenTtlMs ?? PasswordReset.DEFAULT_TTL_MS;
    if (
      !Number.isInteger(this.tokenTtlMs) ||
      this.tokenTtlMs < MIN_TTL_MS ||
      this.tokenTtlMs > MAX_TTL_MS
    ) {
      throw new RangeError(
        `tokenTtlMs must be between ${MIN_TTL_MS} and ${MAX_TTL_MS}.`,
      );
    }
  }

  async execute(
    command: RequestPasswordResetCommand,
  ): Promise<Result<PasswordResetRequestAccepted, DomainError>> {
    const { clock, pseudonymiser, telemetry } = this.deps;
    const started = clock.now();
    const { emailAddress, requesterIp } = command.payload;
    const requester = pseudonymiser.pseudonymise(
      PseudonymPurpose.REQUESTER,
      requesterIp.rateLimitSubject,
    );
    const account = pseudonymiser.pseudonymise(
      PseudonymPurpose.ACCOUNT,
      emailAddress.value,
    );

    const limited = await this.rateLimit(requester, account);
    if (limited) return err(limited);

    const accountId =
      await this.deps.accounts.findAccountIdByEmail(emailAddress);
    const subject = accountId ?? this.decoyAccount;
    const issued = ResetToken.issue(
      new Date(started.getTime() + this.tokenTtlMs),
      this.deps.random,
    );
    const previous = await this.deps.resets.findActiveByAccount(subject);
    const requested = PasswordReset.request(
      { accountId: subject, token: issued.token, requestedAt: started },
      previous,
    );
    if (!requested.ok) return requested;

    if (accountId) {
      await this.persistAndNotify(
        requested.value,
        previous,
        issued,
        command,
        account,
      );
    }
    telemetry.record(PasswordResetTelemetry.REQUESTED, {
      requester,
      account,
      accountKnown: accountId !== undefined,
      durationMs: clock.now().getTime() - started.getTime(),
    });
    return ok(ACCEPTED);
  }

  /** The requester first: a flood from one client spends no victim's budget. */
  private async rateLimit(
    requester: string,
    account: string,
  ): Promise<RateLimitedError | undefined> {
    const scopes = [
      ['requester', requester, this.deps.requesterLimiter],
      ['account', account, this.deps.accountLimiter],
    ] as const;
    for (const [scope, key, limiter] of scopes) {
      const decision = await limiter.consume(key);
      if (!decision.allowed) {
        this.deps.telemetry.record(PasswordResetTelemetry.RATE_LIMITED, {
          scope,
          [scope]: key,
        });
        return new RateLimitedError(Math.ceil(decision.retryAfterMs / 1000));
      }
    }
    return undefined;
  }

  /**
   * Saves and queues the link. A failure here happens on the known-account
   * path only, so it must not change the answer: it is recorded for alerting
   * (no message, no address) and the caller may simply ask again.
   */
  private async persistAndNotify(
    reset: PasswordReset,
    previous: PasswordReset | undefined,
    issued: IssuedResetToken,
    command: RequestPasswordResetCommand,
    account: string,
  ): Promise<void> {
    try {
      if (previous) await this.deps.resets.save(previous);
      await this.deps.resets.save(reset);
      await this.deps.notifier.sendResetLink({
        accountId: reset.accountId,
        to: command.payload.emailAddress,
        secret: issued.secret,
        expiresAt: reset.expiresAt,
      });
      await this.deps.events.publish([
        ...(previous?.pullDomainEvents() ?? []),
        ...reset.pullDomainEvents(),
      ]);
    } catch (error) {
      this.deps.telemetry.record(PasswordResetTelemetry.DELIVERY_FAILED, {
        account,
        errorType: errorType(error),
      });
    }
  }
}
