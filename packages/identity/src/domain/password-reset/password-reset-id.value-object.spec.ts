import { ValidationError } from '@mjomeet/ddd';
import { PasswordResetId } from '../../index';

describe('PasswordResetId', () => {
  it('generates a different valid id each time', () => {
    const first = PasswordResetId.generate();
    const second = PasswordResetId.generate();

    expect(PasswordResetId.create(first.value).ok).toBe(true);
    expect(first.equals(second)).toBe(false);
  });

  it('is equal to another id with the same value', () => {
    const id = PasswordResetId.generate();
    const again = PasswordResetId.create(id.value.toUpperCase());

    expect(again.ok && again.value.equals(id)).toBe(true);
  });

  it.each(['', '   ', 'not-a-uuid', '../../etc/passwd'])(
    'refuses %j',
    (value) => {
      const result = PasswordResetId.create(value);

      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toBeInstanceOf(ValidationError);
      expect(!result.ok && result.error.issues[0].field).toBe(
        'passwordResetId',
      );
    },
  );
});
