import { inspect } from 'node:util';
import { Guard, Result, ValidationError, ValueObject } from '@mjomeet/ddd';

const REDACTED = '[redacted e-mail address]';

/**
 * `local@domain`: no white space, control characters, quotes or brackets
 * (which also rules out header injection), a local part of at most 64
 * characters, and an ASCII (punycode) domain with a top-level label.
 */
const EMAIL =
  // eslint-disable-next-line no-control-regex -- control characters are what it rejects
  /^[^\s\u0000-\u001f\u007f@"(),:;<>[\\\]]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * An e-mail address: normalised (Unicode NFC, trimmed, lower case) so that
 * one mailbox has one value, which rate limiting and look-ups depend on.
 *
 * It is personal data. `value` is there for the account look-up and the
 * mailer; everything that could end up in a log (`toString`, `toJSON`,
 * `util.inspect`) shows a redaction instead of the address.
 */
export class EmailAddress extends ValueObject<{ value: string }> {
  /** RFC 5321: a path is at most 256 characters, so an address 254. */
  static readonly MAX_LENGTH = 254;
  static readonly REDACTED = REDACTED;

  private constructor(value: string) {
    super({ value });
  }

  static create(value: string): Result<EmailAddress, ValidationError> {
    const normalised =
      typeof value === 'string'
        ? value.normalize('NFC').trim().toLowerCase()
        : '';
    // Messages never repeat the input: they end up in responses and logs.
    const issues = Guard.combine(
      Guard.againstEmpty('emailAddress', normalised) ??
        Guard.againstTooLong(
          'emailAddress',
          normalised,
          EmailAddress.MAX_LENGTH,
        ) ??
        Guard.againstPattern(
          'emailAddress',
          normalised,
          EMAIL,
          'an e-mail address',
        ),
    );
    return Guard.toResult(issues, () => new EmailAddress(normalised));
  }

  /** The address in clear: for the account look-up and the mailer only. */
  get value(): string {
    return this.props.value;
  }

  override toString(): string {
    return REDACTED;
  }

  override toJSON(): Readonly<{ value: string }> {
    return { value: REDACTED };
  }

  [inspect.custom](): string {
    return `EmailAddress(${REDACTED})`;
  }
}
