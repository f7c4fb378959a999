import { isIPv4, isIPv6 } from 'node:net';
import { err, ok, Result, ValidationError, ValueObject } from '@mjomeet/ddd';

/**
 * The IP address a request came from, as the trusted reverse proxy reports
 * it (never a client-supplied X-Forwarded-For). Personal data: it is only
 * used, pseudonymised, as a rate-limit key.
 */
export class RequesterIp extends ValueObject<{ value: string }> {
  private constructor(value: string) {
    super({ value });
  }

  static create(value: string): Result<RequesterIp, ValidationError> {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (isIPv4(trimmed) || isIPv6(trimmed)) {
      return ok(new RequesterIp(trimmed.toLowerCase()));
    }
    return err(ValidationError.of('requesterIp', 'must be an IP address'));
  }

  get value(): string {
    return this.props.value;
  }

  /**
   * What a rate limit counts: an IPv4 address, or the /64 network of an IPv6
   * address (one subscriber gets a whole /64, so counting single IPv6
   * addresses would let one client rotate through billions of them). An
   * IPv4-mapped IPv6 address counts as its IPv4 address.
   */
  get rateLimitSubject(): string {
    if (isIPv4(this.props.value)) return this.props.value;
    const groups = expandIPv6(this.props.value);
    const mapped =
      groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
    if (mapped) {
      return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255]
        .map(String)
        .join('.');
    }
    return `${groups
      .slice(0, 4)
      .map((group) => group.toString(16))
      .join(':')}::/64`;
  }

  override toString(): string {
    return '[redacted IP address]';
  }

  override toJSON(): Readonly<{ value: string }> {
    return { value: this.toString() };
  }
}

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped). */
function expandIPv6(address: string): number[] {
  const [withoutZone] = address.split('%');
  const groupsOf = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head, tail] = withoutZone.split('::');
  const first = groupsOf(head);
  const last = tail === undefined ? [] : groupsOf(tail);
  const zeros = new Array<number>(8 - first.length - last.length).fill(0);
  return [...first, ...zeros, ...last];
}
