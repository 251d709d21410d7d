/**
 * How many reverse proxies of ours stand in front of the app (LATCHKEY_TRUSTED_PROXY_HOPS).
 * Each appends the address it saw to X-Forwarded-For; the nearest one is the socket's peer.
 */
export function trustedProxyHops(): number {
  return Math.max(0, Number(process.env.LATCHKEY_TRUSTED_PROXY_HOPS) || 0);
}

/** Set by our server (scripts/serve.mjs) from the socket, replacing any copy a client sent. */
export const PEER_HEADER = 'x-latchkey-peer';

function entries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The client's address for rate limits, sessions and the audit log. With no trusted proxy it is
 * the socket's peer, whatever X-Forwarded-For says; with N proxies of ours, the address the
 * farthest of them saw: N places from the right in X-Forwarded-For + the peer. Anything further
 * left was written by the client and is ignored. Without our server in front (a bare `next
 * start`) there is no peer header, and the answer is 'unknown' rather than a forgeable guess.
 */
export function clientIpFrom(headers: Headers, hops = trustedProxyHops()): string {
  const peer = headers.get(PEER_HEADER)?.trim();
  if (!peer) return 'unknown';
  if (hops === 0) return peer;
  const chain = [...entries(headers.get('x-forwarded-for')), peer];
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** True only when a trusted proxy of ours says the request came over HTTPS. */
export function cameOverHttps(headers: Headers, hops = trustedProxyHops()): boolean {
  if (hops < 1) return false;
  return entries(headers.get('x-forwarded-proto')).at(-1) === 'https';
}
