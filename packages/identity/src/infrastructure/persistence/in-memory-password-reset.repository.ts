import { ConflictError, unwrap } from '@mjomeet/ddd';
import { AccountId } from '../../domain/password-reset/account-id.value-object';
import {
  PasswordReset,
  PasswordResetSnapshot,
} from '../../domain/password-reset/password-reset.aggregate';
import { PasswordResetId } from '../../domain/password-reset/password-reset-id.value-object';
import { PasswordResetRepositoryPort } from '../../domain/password-reset/password-reset.repository.port';

/**
 * Keeps snapshots, as a database would, not the live objects: what is
 * found is rebuilt from what was saved, and nothing else is stored.
 */
export class InMemoryPasswordResetRepository
  implements PasswordResetRepositoryPort
{
  private readonly rows = new Map<string, PasswordResetSnapshot>();

  async findById(id: PasswordResetId): Promise<PasswordReset | undefined> {
    const row = this.rows.get(id.value);
    return row ? unwrap(PasswordReset.fromSnapshot(row)) : undefined;
  }

  async findActiveByAccount(
    accountId: AccountId,
  ): Promise<PasswordReset | undefined> {
    const row = [...this.rows.values()].find(
      (candidate) =>
        candidate.accountId === accountId.value &&
        candidate.status === 'active',
    );
    return row ? unwrap(PasswordReset.fromSnapshot(row)) : undefined;
  }

  /** Like a unique index on the account's active request. */
  async save(reset: PasswordReset): Promise<void> {
    const row = reset.toSnapshot();
    const clash = [...this.rows.values()].some(
      (other) =>
        row.status === 'active' &&
        other.status === 'active' &&
        other.accountId === row.accountId &&
        other.id !== row.id,
    );
    if (clash) {
      throw new ConflictError('An account has at most one active reset.');
    }
    this.rows.set(row.id, { ...row });
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (const [id, row] of this.rows) {
      if (new Date(row.expiresAt).getTime() < cutoff.getTime()) {
        this.rows.delete(id);
        deleted++;
      }
    }
    return deleted;
  }

  /** What is stored, as it is stored. */
  snapshots(): PasswordResetSnapshot[] {
    return [...this.rows.values()].map((row) => ({ ...row }));
  }
}
