/**
 * DUO_BASE_URL, when set: where every Duo call goes instead of https://<API hostname> (the e2e fake,
 * a local try-out). Unset in production. The signature still covers the company's API hostname.
 * Throws on a value that is not an http(s) URL: a typo must not send signed requests somewhere odd.
 */
export function duoBaseUrl(): string | undefined {
  const value = process.env.DUO_BASE_URL?.trim();
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new Error(`DUO_BASE_URL must be an http(s) URL without query or fragment, not ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, '');
}
