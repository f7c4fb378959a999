import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { err, ok, Result, ValidationError, ValueObject } from '@mjomeet/ddd';

/** Where the token's randomness comes from: `crypto.randomBytes` by default. */
export type RandomSource = (size: number) => Buffer;

/** What `ResetToken.issue` hands out: the stored token and its secret. */
export interface IssuedResetToken {
  /** What is stored: the SHA-256 of the secret and the expiry. */
  readonly token: ResetToken;
  /** The secret, for the e-mail link only: never stored, logged or evented. */
  readonly secret: string;
}

export interface ResetTokenPrimitives {
  readonly hash: string;
  readonly expiresAt: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * A password-reset token as the system keeps it: the SHA-256 of a secret of
 * 32 random bytes (256 bits, so it cannot be guessed), and when it expires.
 * The secret itself exists once, in the link sent to the account's address;
 * a leak of the stored hash does not let anyone reset a password.
 */
export class ResetToken extends ValueObject<{ hash: string; expiresAt: Date }> {
  static readonly SECRET_BYTES = 32;

  private constructor(hash: string, expiresAt: Date) {
    super({ hash, expiresAt });
  }

  /** A new secret from `random`, valid until `expiresAt`. */
  static issue(
    expiresAt: Date,
    random: RandomSource = randomBytes,
  ): IssuedResetToken {
    const bytes = random(ResetToken.SECRET_BYTES);
    if (bytes.length !== ResetToken.SECRET_BYTES) {
      throw new RangeError(
        `A reset token needs ${ResetToken.SECRET_BYTES} random bytes.`,
      );
    }
    const secret = bytes.toString('base64url');
    const hash = sha256(secret).toString('hex');
    return { token: new ResetToken(hash, new Date(expiresAt)), secret };
  }

  /** Rebuilds a stored token; refuses anything that is not a SHA-256. */
  static fromPrimitives(
    primitives: ResetTokenPrimitives,
  ): Result<ResetToken, ValidationError> {
    const expiresAt = new Date(primitives.expiresAt);
    if (!SHA256_HEX.test(String(primitives.hash))) {
      return err(ValidationError.of('resetToken', 'must be a SHA-256 hash'));
    }
    if (Number.isNaN(expiresAt.getTime())) {
      return err(ValidationError.of('expiresAt', 'must be a date-time'));
    }
    return ok(new ResetToken(primitives.hash, expiresAt));
  }

  get hash(): string {
    return this.props.hash;
  }

  get expiresAt(): Date {
    return new Date(this.props.expiresAt);
  }

  isExpired(now: Date): boolean {
    return now.getTime() >= this.props.expiresAt.getTime();
  }

  /**
   * Whether `secret` is this token's secret. Compares the two SHA-256 digests
   * with `timingSafeEqual`: both are always 32 bytes, so the time taken says
   * nothing about how much of a guess was right.
   */
  matches(secret: string): boolean {
    const candidate = sha256(typeof secret === 'string' ? secret : '');
    return timingSafeEqual(candidate, Buffer.from(this.props.hash, 'hex'));
  }

  toPrimitives(): ResetTokenPrimitives {
    return {
      hash: this.props.hash,
      expiresAt: this.props.expiresAt.toISOString(),
    };
  }

  override toString(): string {
    return `ResetToken(sha256:${this.props.hash.slice(0, 8)}…)`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
