import {
  combine,
  ok,
  parseRunAt,
  Result,
  ScheduledCommand,
  ScheduledCommandPrimitives,
  ValidationError,
} from '@mjomeet/ddd';
import { PasswordResetId } from '../../domain/password-reset/password-reset-id.value-object';

export type ExpirePasswordResetPayload = {
  readonly passwordResetId: string;
};

/**
 * ExpirePasswordReset, to run at `runAt`. It is stored as JSON until then: `fromPrimitives`
 * validates what comes back, so a tampered or outdated record is refused, not run.
 */
export class ExpirePasswordResetScheduledCommand extends ScheduledCommand<ExpirePasswordResetPayload> {
  static readonly TYPE = 'identity.ExpirePasswordReset';
  static readonly VERSION = 1;
  readonly type = ExpirePasswordResetScheduledCommand.TYPE;
  readonly version = ExpirePasswordResetScheduledCommand.VERSION;

  private constructor(runAt: Date, payload: ExpirePasswordResetPayload) {
    super(runAt, payload);
  }

  static create(
    passwordResetId: PasswordResetId,
    runAt: Date,
  ): ExpirePasswordResetScheduledCommand {
    return new ExpirePasswordResetScheduledCommand(runAt, {
      passwordResetId: passwordResetId.value,
    });
  }

  static fromPrimitives(
    primitives: ScheduledCommandPrimitives,
  ): Result<ExpirePasswordResetScheduledCommand, ValidationError> {
    const fields = combine({
      runAt: parseRunAt(primitives.runAt),
      passwordResetId: PasswordResetId.create(
        String(primitives.payload['passwordResetId'] ?? ''),
      ),
    });
    return fields.ok
      ? ok(
          ExpirePasswordResetScheduledCommand.create(
            fields.value.passwordResetId,
            fields.value.runAt,
          ),
        )
      : fields;
  }
}
