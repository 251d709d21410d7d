import { describe, expect, it } from 'vitest';
import { addressAllowed, parseAllowList, parseCidr } from './cidr';

describe('CIDR allow-lists', () => {
  it('normalises ranges and single addresses, and refuses anything else', () => {
    expect(parseCidr('203.0.113.0/24')).toBe('203.0.113.0/24');
    expect(parseCidr(' 198.51.100.7 ')).toBe('198.51.100.7/32');
    expect(parseCidr('2001:DB8::/32')).toBe('2001:db8::/32');
    expect(parseCidr('::ffff:10.0.0.1')).toBe('10.0.0.1/32');
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', 'example.com', '10.0.0/8', '1.2.3.4/8/1', '1.2.3.4/-1', ''])
      expect(parseCidr(bad), bad).toBeNull();
  });

  it('names the entries it cannot read', () => {
    expect(parseAllowList('10.0.0.0/8, nonsense\n192.168.0.0/99')).toMatchObject({
      ok: false,
      error: expect.stringContaining('nonsense, 192.168.0.0/99'),
    });
    expect(parseAllowList('  ')).toEqual({ ok: true, data: [] });
  });

  it('matches IPv4, IPv6 and IPv4-mapped addresses, and never an unknown one', () => {
    const ranges = ['203.0.113.0/24', '2001:db8::/32'];
    expect(addressAllowed('203.0.113.200', ranges)).toBe(true);
    expect(addressAllowed('::ffff:203.0.113.9', ranges)).toBe(true);
    expect(addressAllowed('203.0.114.1', ranges)).toBe(false);
    expect(addressAllowed('2001:db8:1::5', ranges)).toBe(true);
    expect(addressAllowed('2001:db9::1', ranges)).toBe(false);
    expect(addressAllowed('unknown', ranges)).toBe(false);
  });
});
