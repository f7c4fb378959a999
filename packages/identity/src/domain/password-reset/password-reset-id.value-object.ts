import { Identifier, Result, ValidationError } from '@mjomeet/ddd';

/** The identity of a PasswordReset: a UUID, so it cannot be guessed or enumerated. */
export class PasswordResetId extends Identifier {
  private constructor(value: string) {
    super(value);
  }

  static generate(): PasswordResetId {
    return new PasswordResetId(Identifier.newValue());
  }

  static create(value: string): Result<PasswordResetId, ValidationError> {
    return Identifier.parse(
      'passwordResetId',
      value,
      (valid) => new PasswordResetId(valid),
    );
  }
}
