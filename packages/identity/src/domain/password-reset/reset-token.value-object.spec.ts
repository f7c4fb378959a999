import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { ResetToken } from '../../index';

describe('ResetToken', () => {
  const expiresAt = new Date('2030-01-01T09:30:00.000Z');
  const sha256 = (text: string) =>
    createHash('sha256').update(text).digest('hex');

  it('is 32 random bytes, handed out once and kept as a SHA-256', () => {
    const random = jest.fn((size: number) => Buffer.alloc(size, 7));

    const { token, secret } = ResetToken.issue(expiresAt, random);

    expect(random).toHaveBeenCalledWith(32);
    expect(Buffer.from(secret, 'base64url')).toEqual(Buffer.alloc(32, 7));
    expect(token.hash).toBe(sha256(secret));
    expect(JSON.stringify(token)).not.toContain(secret);
    expect(inspect(token)).not.toContain(secret);
  });

  it('is different every time with the default random source', () => {
    const secrets = new Set(
      Array.from({ length: 100 }, () => ResetToken.issue(expiresAt).secret),
    );

    expect(secrets.size).toBe(100);
  });

  it('refuses a random source that gives fewer than 32 bytes', () => {
    expect(() => ResetToken.issue(expiresAt, () => Buffer.alloc(16))).toThrow(
      RangeError,
    );
  });

  it('matches its own secret only', () => {
    const { token, secret } = ResetToken.issue(expiresAt);

    expect(token.matches(secret)).toBe(true);
    expect(token.matches(`${secret}x`)).toBe(false);
    expect(token.matches('')).toBe(false);
    expect(token.matches(token.hash)).toBe(false);
  });

  it('compares in constant time: timingSafeEqual over two digests', () => {
    const crypto =
      jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    const { token } = ResetToken.issue(expiresAt);

    token.matches('a');
    token.matches('a much longer guess than the secret could ever be');

    expect(compare).toHaveBeenCalledTimes(2);
    for (const [a, b] of compare.mock.calls) {
      expect([
        Buffer.from(a as Buffer).length,
        Buffer.from(b as Buffer).length,
      ]).toEqual([32, 32]);
    }
    compare.mockRestore();
  });

  it('expires at its expiry time', () => {
    const { token } = ResetToken.issue(expiresAt);

    expect(token.isExpired(new Date(expiresAt.getTime() - 1))).toBe(false);
    expect(token.isExpired(expiresAt)).toBe(true);
  });

  it('is rebuilt from its primitives, and refuses anything else', () => {
    const { token } = ResetToken.issue(expiresAt);

    const again = ResetToken.fromPrimitives(token.toPrimitives());

    expect(again.ok && again.value.equals(token)).toBe(true);
    expect(
      ResetToken.fromPrimitives({ hash: 'abc', expiresAt: '2030-01-01' }).ok,
    ).toBe(false);
    expect(
      ResetToken.fromPrimitives({ hash: token.hash, expiresAt: 'soon' }).ok,
    ).toBe(false);
  });
});
