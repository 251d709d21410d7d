import { describe, expect, it } from 'vitest';
import { isDuoApiHost, normalizeDuoApiHost } from './api-host';

describe('isDuoApiHost', () => {
  it.each(['api-1a2b3c4d.duosecurity.com', 'API-1A2B3C4D.DUOSECURITY.COM', '  api-e2efake0.duosecurity.com '])(
    'accepts %j',
    (host) => expect(isDuoApiHost(host)).toBe(true),
  );

  it.each([
    '',
    'api-.duosecurity.com',
    'api_1a2b3c4d.duosecurity.com',
    'https://api-1a2b3c4d.duosecurity.com',
    'api-1a2b3c4d.duosecurity.com:443',
    'api-1a2b3c4d.duosecurity.com/',
    'api-1a2b3c4d.duosecurity.com.',
    'api-1a2b3c4d.duosecurity.com.evil.example',
    'evil.example/api-1a2b3c4d.duosecurity.com',
    'api-1a2b3c4d.duosecurity.co',
    'admin-1a2b3c4d.duosecurity.com',
    '169.254.169.254',
  ])('refuses %j', (host) => expect(isDuoApiHost(host)).toBe(false));

  it('normalizes to the lower-case host Duo signs', () => {
    expect(normalizeDuoApiHost(' API-1A2B3C4D.DuoSecurity.com ')).toBe('api-1a2b3c4d.duosecurity.com');
  });
});
