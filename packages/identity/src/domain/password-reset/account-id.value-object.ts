import { Identifier, Result, ValidationError } from '@mjomeet/ddd';

/**
 * The identity of a user account, as the account context gives it. A UUID:
 * pseudonymous, so events and telemetry can name an account without naming
 * the person.
 */
export class AccountId extends Identifier {
  private constructor(value: string) {
    super(value);
  }

  static generate(): AccountId {
    return new AccountId(Identifier.newValue());
  }

  static create(value: string): Result<AccountId, ValidationError> {
    return Identifier.parse(
      'accountId',
      value,
      (valid) => new AccountId(valid),
    );
  }
}
