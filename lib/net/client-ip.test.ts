import { describe, expect, it } from 'vitest';
import { cameOverHttps, clientIpFrom } from './client-ip';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIpFrom', () => {
  it('ignores addresses the client prepended', () => {
    expect(clientIpFrom(h({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }), 1)).toBe('203.0.113.7');
    expect(clientIpFrom(h({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' }), 2)).toBe('203.0.113.7');
  });

  it('without a proxy takes the rightmost entry (the socket address Next.js adds)', () => {
    expect(clientIpFrom(h({ 'x-forwarded-for': '127.0.0.1' }), 0)).toBe('127.0.0.1');
    expect(clientIpFrom(h({}), 0)).toBe('unknown');
  });
});

describe('cameOverHttps', () => {
  it('trusts X-Forwarded-Proto only behind a configured proxy', () => {
    expect(cameOverHttps(h({ 'x-forwarded-proto': 'https' }), 0)).toBe(false);
    expect(cameOverHttps(h({ 'x-forwarded-proto': 'https' }), 1)).toBe(true);
    expect(cameOverHttps(h({ 'x-forwarded-proto': 'https, http' }), 1)).toBe(false);
  });
});
