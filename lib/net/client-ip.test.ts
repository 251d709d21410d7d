import { describe, expect, it } from 'vitest';
import { cameOverHttps, clientIpFrom, PEER_HEADER } from './client-ip';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIpFrom', () => {
  it('without a proxy takes the socket peer, whatever X-Forwarded-For the client wrote', () => {
    expect(clientIpFrom(h({ [PEER_HEADER]: '198.51.100.4', 'x-forwarded-for': '6.6.6.6' }), 0)).toBe('198.51.100.4');
    expect(clientIpFrom(h({ [PEER_HEADER]: '198.51.100.4' }), 0)).toBe('198.51.100.4');
  });

  it('behind N proxies takes the address the farthest one saw, ignoring what the client prepended', () => {
    // The proxy (peer 10.0.0.2) appended the client it saw, 203.0.113.7.
    const oneProxy = h({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
    expect(clientIpFrom(oneProxy, 1)).toBe('203.0.113.7');
    // A CDN (appending 203.0.113.7) and a load balancer (appending the CDN's 10.0.0.9).
    const twoProxies = h({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.9' });
    expect(clientIpFrom(twoProxies, 2)).toBe('203.0.113.7');
  });

  it('without our server in front there is no trustworthy address', () => {
    expect(clientIpFrom(h({ 'x-forwarded-for': '127.0.0.1' }), 0)).toBe('unknown');
  });
});

describe('cameOverHttps', () => {
  it('trusts X-Forwarded-Proto only behind a configured proxy', () => {
    expect(cameOverHttps(h({ 'x-forwarded-proto': 'https' }), 0)).toBe(false);
    expect(cameOverHttps(h({ 'x-forwarded-proto': 'https' }), 1)).toBe(true);
    expect(cameOverHttps(h({ 'x-forwarded-proto': 'https, http' }), 1)).toBe(false);
  });
});
