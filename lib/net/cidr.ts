import { BlockList, isIP } from 'node:net';
import { fail, ok, type Result } from '../result';

/** At most this many ranges per API Account (each is checked on every call). */
export const ALLOW_LIST_MAX_ENTRIES = 50;

/** An IPv4-mapped IPv6 address (::ffff:203.0.113.7) is the IPv4 address it carries. */
export function plainAddress(ip: string): string {
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return mapped ? mapped[1] : ip;
}

/**
 * One CIDR range ("203.0.113.0/24", "2001:db8::/32") or a single address (taken as /32 or /128),
 * normalised to "address/prefix"; null when it is neither.
 */
export function parseCidr(text: string): string | null {
  const [rawAddress, rawPrefix, extra] = text.trim().split('/');
  if (extra !== undefined || !rawAddress) return null;
  const address = plainAddress(rawAddress);
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  if (rawPrefix !== undefined && !/^\d{1,3}$/.test(rawPrefix)) return null;
  const prefix = rawPrefix === undefined ? max : Number(rawPrefix);
  if (prefix > max) return null;
  return `${address.toLowerCase()}/${prefix}`;
}

/**
 * An allow-list as an admin typed it: ranges separated by commas, spaces or new lines. Each bad
 * entry is named, so the admin knows which line to fix. An empty list means "any address".
 */
export function parseAllowList(text: string): Result<string[]> {
  const entries = text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => parseCidr(e) === null);
  if (bad.length > 0)
    return fail(
      `Not an IP address or CIDR range: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? '…' : ''}. Use forms like 203.0.113.0/24 or 2001:db8::/32.`,
    );
  if (entries.length > ALLOW_LIST_MAX_ENTRIES) return fail(`Use at most ${ALLOW_LIST_MAX_ENTRIES} ranges.`);
  return ok([...new Set(entries.map((e) => parseCidr(e)!))]);
}

/** True when `ip` lies in one of `ranges` (normalised by parseCidr). An unknown address never does. */
export function addressAllowed(ip: string, ranges: readonly string[]): boolean {
  const address = plainAddress(ip);
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const [network, prefix] = range.split('/');
    const type = isIP(network) === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(network, Number(prefix), type);
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
