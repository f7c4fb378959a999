import { createHmac } from 'node:crypto';
import { PseudonymiserPort } from '../../application/ports/pseudonymiser.port';

/**
 * HMAC-SHA-256 with a secret key. A plain hash of an e-mail address is not a
 * pseudonym: anyone can hash a list of addresses and compare. Without the
 * key (kept in the secret store, rotated yearly) the pseudonyms cannot be
 * reversed or recomputed. 128 bits of the MAC are kept: enough to never
 * collide in practice, short enough for metrics labels.
 */
export class HmacPseudonymiser implements PseudonymiserPort {
  static readonly MIN_KEY_BYTES = 32;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length < HmacPseudonymiser.MIN_KEY_BYTES) {
      throw new RangeError(
        `A pseudonymisation key needs at least ${HmacPseudonymiser.MIN_KEY_BYTES} bytes.`,
      );
    }
    this.key = Buffer.from(key);
  }

  pseudonymise(purpose: string, value: string): string {
    return createHmac('sha256', this.key)
      .update(purpose)
      .update('\u0000')
      .update(value)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
