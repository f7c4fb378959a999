/**
 * The link in the e-mail. The secret is in the fragment (`#token=`), which
 * browsers never send to a server: it stays out of access logs, proxies and
 * Referer headers. The reset page reads it with script, posts it in a body,
 * and is served with `Referrer-Policy: no-referrer`.
 */
export function resetLink(baseUrl: string, secret: string): string {
  const url = new URL('/reset-password', baseUrl);
  if (url.protocol !== 'https:') {
    throw new RangeError('A reset link must use https.');
  }
  url.search = '';
  url.hash = new URLSearchParams({ token: secret }).toString();
  return url.toString();
}
