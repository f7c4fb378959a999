import { AccountId } from '../../index';

describe('AccountId', () => {
  it('is a UUID, compared by value whatever its case', () => {
    const id = AccountId.generate();
    const again = AccountId.create(id.value.toUpperCase());

    expect(again.ok && again.value.equals(id)).toBe(true);
  });

  it.each(['', 'ada@example.com', '1', '../../etc/passwd'])(
    'refuses %j',
    (value) => {
      const result = AccountId.create(value);

      expect(!result.ok && result.error.issues[0].field).toBe('accountId');
    },
  );
});
