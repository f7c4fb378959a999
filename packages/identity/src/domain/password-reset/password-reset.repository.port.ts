import { RepositoryPort } from '@mjomeet/ddd';
import { AccountId } from './account-id.value-object';
import { PasswordReset } from './password-reset.aggregate';
import { PasswordResetId } from './password-reset-id.value-object';

/**
 * How the application layer loads and stores PasswordResets. Adapters
 * implement it, and every adapter must:
 *
 * - store what `PasswordReset.toSnapshot()` gives: the token's hash, never a
 *   secret, and no e-mail address;
 * - keep at most one active request per account (a unique index in a
 *   database): `save` rejects a second one with a ConflictError;
 * - be queried by ids, never by an e-mail address.
 */
export interface PasswordResetRepositoryPort
  extends RepositoryPort<PasswordReset, PasswordResetId> {
  /**
   * The account's request whose status is active, if there is one, even if
   * its expiry time has passed and the expiry has not run yet: a new request
   * supersedes it either way.
   */
  findActiveByAccount(accountId: AccountId): Promise<PasswordReset | undefined>;

  /**
   * Deletes every request whose token expired before `cutoff`, whatever its
   * status: the retention limit. Answers how many were deleted.
   */
  deleteExpiredBefore(cutoff: Date): Promise<number>;
}
