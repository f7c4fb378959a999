import {
  CommandScheduler,
  DomainError,
  EventPublisher,
  ok,
  Result,
} from '@mjomeet/ddd';
import { PasswordResetId } from '../../domain/password-reset/password-reset-id.value-object';
import { PasswordResetRepositoryPort } from '../../domain/password-reset/password-reset.repository.port';
import { Clock } from '../ports/clock.port';
import { ExpirePasswordResetScheduledCommand } from './expire-password-reset.scheduled-command';

/**
 * Runs ExpirePasswordReset when it is due: settles the request as expired
 * and publishes PasswordResetExpired. Idempotent, so a scheduler that
 * delivers twice is harmless: a request that is gone (purged) or settled
 * already is left alone. Run too early (a clock ahead of ours), it is
 * scheduled again for the expiry time instead of failing.
 */
export class ExpirePasswordResetHandler {
  constructor(
    private readonly resets: PasswordResetRepositoryPort,
    private readonly events: EventPublisher,
    private readonly scheduler: CommandScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(
    command: ExpirePasswordResetScheduledCommand,
  ): Promise<Result<void, DomainError>> {
    const id = PasswordResetId.create(command.payload.passwordResetId);
    if (!id.ok) return id;
    const reset = await this.resets.findById(id.value);
    if (!reset) return ok();

    const now = this.clock.now();
    const outcome = reset.expire(now);
    if (!outcome.ok) {
      await this.scheduler.schedule(
        ExpirePasswordResetScheduledCommand.create(reset.id, reset.expiresAt),
      );
      return ok();
    }
    const events = reset.pullDomainEvents();
    if (events.length === 0) return ok();
    await this.resets.save(reset);
    await this.events.publish(events);
    return ok();
  }
}
