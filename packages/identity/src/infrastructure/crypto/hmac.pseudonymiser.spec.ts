import { createHash, randomBytes } from 'node:crypto';
import { HmacPseudonymiser } from '../../index';

describe('HmacPseudonymiser', () => {
  const key = randomBytes(32);
  const email = 'ada@example.com';

  it('is stable for one key, purpose and value', () => {
    const a = new HmacPseudonymiser(key).pseudonymise('account', email);
    const b = new HmacPseudonymiser(key).pseudonymise('account', email);

    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('cannot be recomputed without the key, unlike a plain hash', () => {
    const pseudonym = new HmacPseudonymiser(key).pseudonymise('account', email);
    const plain = createHash('sha256').update(email).digest();

    expect(pseudonym).not.toBe(plain.subarray(0, 16).toString('base64url'));
    expect(
      new HmacPseudonymiser(randomBytes(32)).pseudonymise('account', email),
    ).not.toBe(pseudonym);
  });

  it('gives unrelated pseudonyms for two purposes', () => {
    const pseudonymiser = new HmacPseudonymiser(key);

    expect(pseudonymiser.pseudonymise('account', email)).not.toBe(
      pseudonymiser.pseudonymise('requester', email),
    );
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => new HmacPseudonymiser(randomBytes(16))).toThrow(RangeError);
  });
});
