import { ConflictError, unwrap } from '@mjomeet/ddd';
import {
  AccountId,
  InMemoryPasswordResetRepository,
  PasswordReset,
  PasswordResetId,
  PasswordResetRepositoryPort,
  ResetToken,
} from '../../index';

/** The contract every adapter of the port must meet. */
function describePasswordResetRepository(
  name: string,
  make: () => PasswordResetRepositoryPort,
): void {
  describe(name, () => {
    const requestedAt = new Date('2030-01-01T09:00:00.000Z');
    const expiresAt = new Date('2030-01-01T09:30:00.000Z');
    const request = (accountId: AccountId, previous?: PasswordReset) =>
      unwrap(
        PasswordReset.request(
          {
            accountId,
            token: ResetToken.issue(expiresAt).token,
            requestedAt,
          },
          previous,
        ),
      );

    it('finds a saved request by its id, as it was saved', async () => {
      const repository = make();
      const reset = request(AccountId.generate());

      await repository.save(reset);

      const found = await repository.findById(reset.id);
      expect(found?.toSnapshot()).toEqual(reset.toSnapshot());
    });

    it('answers undefined for an unknown id or account', async () => {
      const repository = make();

      expect(
        await repository.findById(PasswordResetId.generate()),
      ).toBeUndefined();
      expect(
        await repository.findActiveByAccount(AccountId.generate()),
      ).toBeUndefined();
    });

    it('finds the active request of an account, not an old one', async () => {
      const repository = make();
      const accountId = AccountId.generate();
      const first = request(accountId);
      await repository.save(first);
      const second = request(accountId, first);
      await repository.save(first);
      await repository.save(second);

      const active = await repository.findActiveByAccount(accountId);

      expect(active?.id.equals(second.id)).toBe(true);
    });

    it('keeps at most one active request per account', async () => {
      const repository = make();
      const accountId = AccountId.generate();
      await repository.save(request(accountId));

      await expect(repository.save(request(accountId))).rejects.toBeInstanceOf(
        ConflictError,
      );
    });

    it('deletes what expired before the retention cutoff', async () => {
      const repository = make();
      const reset = request(AccountId.generate());
      await repository.save(reset);

      expect(await repository.deleteExpiredBefore(expiresAt)).toBe(0);
      expect(
        await repository.deleteExpiredBefore(new Date(expiresAt.getTime() + 1)),
      ).toBe(1);
      expect(await repository.findById(reset.id)).toBeUndefined();
    });
  });
}

describePasswordResetRepository(
  'InMemoryPasswordResetRepository',
  () => new InMemoryPasswordResetRepository(),
);

describe('InMemoryPasswordResetRepository', () => {
  it('stores the token hash and ids: no secret, no address', async () => {
    const repository = new InMemoryPasswordResetRepository();
    const issued = ResetToken.issue(new Date('2030-01-01T09:30:00.000Z'));
    const reset = unwrap(
      PasswordReset.request({
        accountId: AccountId.generate(),
        token: issued.token,
        requestedAt: new Date('2030-01-01T09:00:00.000Z'),
      }),
    );

    await repository.save(reset);

    const stored = JSON.stringify(repository.snapshots());
    expect(stored).toContain(issued.token.hash);
    expect(stored).not.toContain(issued.secret);
  });
});
