import { AccountId } from '../../domain/password-reset/account-id.value-object';
import { EmailAddress } from '../../domain/password-reset/email-address.value-object';

/**
 * Asks the account context which account, if any, owns an address. The
 * answer never leaves the handler: callers of the use-case cannot tell.
 */
export interface AccountLookupPort {
  findAccountIdByEmail(email: EmailAddress): Promise<AccountId | undefined>;
}
