import { unwrap } from '@mjomeet/ddd';
import { AccountLookupPort } from '../../application/ports/account-lookup.port';
import { AccountId } from '../../domain/password-reset/account-id.value-object';
import { EmailAddress } from '../../domain/password-reset/email-address.value-object';

/** The account context, faked: addresses are normalised like real ones. */
export class InMemoryAccountLookup implements AccountLookupPort {
  private readonly accounts = new Map<string, AccountId>();

  constructor(accounts: ReadonlyArray<readonly [string, AccountId]> = []) {
    for (const [email, id] of accounts) this.add(email, id);
  }

  add(email: string, id: AccountId): this {
    this.accounts.set(unwrap(EmailAddress.create(email)).value, id);
    return this;
  }

  async findAccountIdByEmail(
    email: EmailAddress,
  ): Promise<AccountId | undefined> {
    return this.accounts.get(email.value);
  }
}
