import { RequesterIp } from '../../index';

describe('RequesterIp', () => {
  const subject = (ip: string) => {
    const result = RequesterIp.create(ip);
    return result.ok ? result.value.rateLimitSubject : undefined;
  };

  it.each([
    ['an IPv4 address as it is', '203.0.113.7', '203.0.113.7'],
    ['an IPv6 address as its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['a compressed IPv6 address', '2001:DB8::1', '2001:db8:0:0::/64'],
    ['IPv6 loopback', '::1', '0:0:0:0::/64'],
    ['an IPv4-mapped IPv6 as IPv4', '::ffff:203.0.113.7', '203.0.113.7'],
    ['a hex IPv4-mapped IPv6 as IPv4', '::ffff:cb00:7107', '203.0.113.7'],
  ])('counts %s', (_case, ip, expected) => {
    expect(subject(ip)).toBe(expected);
  });

  it('counts every address of one /64 as one requester', () => {
    expect(subject('2001:db8:a:b:1::1')).toBe(subject('2001:db8:a:b:ffff::9'));
  });

  it.each(['', 'localhost', '203.0.113.300', '1.2.3', 'x-forwarded-for'])(
    'refuses %j',
    (ip) => {
      const result = RequesterIp.create(ip);

      expect(!result.ok && result.error.issues[0].field).toBe('requesterIp');
    },
  );

  it('is redacted in strings and JSON', () => {
    const result = RequesterIp.create('203.0.113.7');

    expect(JSON.stringify(result.ok && result.value)).not.toContain('203');
    expect(String(result.ok && result.value)).not.toContain('203');
  });
});
