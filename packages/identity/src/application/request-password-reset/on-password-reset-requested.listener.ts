import {
  CommandScheduler,
  DomainEventListener,
  parseRunAt,
} from '@mjomeet/ddd';
import { PasswordResetId } from '../../domain/password-reset/password-reset-id.value-object';
import { PasswordResetRequested } from '../../domain/password-reset/password-reset-requested.event';
import { ExpirePasswordResetScheduledCommand } from './expire-password-reset.scheduled-command';

/**
 * When PasswordResetRequested happens: schedules ExpirePasswordReset at the
 * token's expiry time. It may throw (the scheduler is down); the event
 * dispatcher isolates and reports that, and the request still succeeds. The
 * token is safe meanwhile: it is refused after its expiry time whether or
 * not the expiry ran, which only settles the record and audits it.
 */
export class OnPasswordResetRequestedListener
  implements DomainEventListener<PasswordResetRequested>
{
  readonly listensTo = PasswordResetRequested.EVENT_NAME;
  readonly name = 'OnPasswordResetRequestedListener';

  constructor(private readonly scheduler: CommandScheduler) {}

  async handle(event: PasswordResetRequested): Promise<void> {
    const id = PasswordResetId.create(event.aggregateId);
    if (!id.ok) throw id.error;
    const runAt = parseRunAt(event.payload.expiresAt);
    if (!runAt.ok) throw runAt.error;
    await this.scheduler.schedule(
      ExpirePasswordResetScheduledCommand.create(id.value, runAt.value),
    );
  }
}
