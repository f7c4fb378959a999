import { resetLink } from '../../index';

describe('resetLink', () => {
  it('puts the token in the fragment, which is never sent to a server', () => {
    const link = new URL(
      resetLink('https://meet.example.com/app?x=1', 'abc-_1'),
    );

    expect(link.origin).toBe('https://meet.example.com');
    expect(link.pathname).toBe('/reset-password');
    expect(link.search).toBe('');
    expect(link.hash).toBe('#token=abc-_1');
  });

  it('refuses a base URL that is not https', () => {
    expect(() => resetLink('http://meet.example.com', 'abc')).toThrow(
      RangeError,
    );
  });
});
