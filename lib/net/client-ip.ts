/**
 * How many reverse proxies of ours stand in front of the app (LATCHKEY_TRUSTED_PROXY_HOPS).
 * Each appends the address it saw to X-Forwarded-For, so the trustworthy entry is the one that
 * many places from the right; anything further left was written by the client and is ignored.
 */
export function trustedProxyHops(): number {
  return Math.max(0, Number(process.env.LATCHKEY_TRUSTED_PROXY_HOPS) || 0);
}

function entries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The client's address for rate limits. Without a proxy, Next.js fills X-Forwarded-For with the
 * socket address unless the client sent one; we take the rightmost entry either way, never the
 * leftmost (which any client can forge).
 */
export function clientIpFrom(headers: Headers, hops = trustedProxyHops()): string {
  const list = entries(headers.get('x-forwarded-for'));
  return list[Math.max(0, list.length - Math.max(1, hops))] ?? 'unknown';
}

/** True only when a trusted proxy of ours says the request came over HTTPS. */
export function cameOverHttps(headers: Headers, hops = trustedProxyHops()): boolean {
  if (hops < 1) return false;
  return entries(headers.get('x-forwarded-proto')).at(-1) === 'https';
}
