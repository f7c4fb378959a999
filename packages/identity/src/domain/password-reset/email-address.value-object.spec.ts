import { inspect } from 'node:util';
import { ValidationError } from '@mjomeet/ddd';
import { EmailAddress } from '../../index';

describe('EmailAddress', () => {
  it('is normalised: trimmed, lower case, Unicode NFC', () => {
    const composed = EmailAddress.create('  José@Example.COM ');
    const decomposed = EmailAddress.create('Jose\u0301@example.com');

    expect(composed.ok && composed.value.value).toBe('josé@example.com');
    expect(composed.ok && decomposed.ok).toBe(true);
    expect(
      composed.ok && decomposed.ok && composed.value.equals(decomposed.value),
    ).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['without @', 'ada.example.com'],
    ['without a domain', 'ada@'],
    ['without a top-level domain', 'ada@localhost'],
    ['with two @', 'ada@lovelace@example.com'],
    ['with a space inside', 'ada lovelace@example.com'],
    ['with a header injection', 'ada@example.com\r\nBcc: all@example.com'],
    ['with a NUL character', 'ada\u0000@example.com'],
    ['with a local part over 64', `${'a'.repeat(65)}@example.com`],
    ['over 254 characters', `ada@${'a'.repeat(60)}.${'b'.repeat(190)}.com`],
    ['not a string', 42 as unknown as string],
  ])('refuses an address %s', (_case, value) => {
    const result = EmailAddress.create(value);

    expect(!result.ok && result.error).toBeInstanceOf(ValidationError);
    expect(!result.ok && result.error.issues).toHaveLength(1);
    expect(!result.ok && result.error.issues[0].field).toBe('emailAddress');
  });

  it('never repeats the refused input in its error', () => {
    const result = EmailAddress.create('secret-person@@example.com');

    expect(!result.ok && JSON.stringify(result.error)).not.toContain(
      'secret-person',
    );
  });

  it('shows a redaction, not the address, in strings, JSON and logs', () => {
    const result = EmailAddress.create('ada@example.com');
    const email = result.ok ? result.value : undefined;

    expect(String(email)).toBe(EmailAddress.REDACTED);
    expect(JSON.stringify({ email })).not.toContain('ada');
    expect(inspect({ email })).not.toContain('ada');
    expect(`${email}`).not.toContain('ada');
  });
});
