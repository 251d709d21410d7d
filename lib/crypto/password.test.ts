import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('uses argon2id with the OWASP parameters and a random salt', async () => {
    const [a, b] = await Promise.all([hashPassword('quartz lantern orbit'), hashPassword('quartz lantern orbit')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('quartz lantern orbit');
    expect(await verifyPassword(stored, 'quartz lantern orbit')).toBe(true);
    expect(await verifyPassword(stored, 'quartz lantern orbiT')).toBe(false);
  });

  it('refuses when there is no stored hash, after doing the same work', async () => {
    const started = performance.now();
    expect(await verifyPassword(null, 'latchkey-timing-equalizer-not-a-password')).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(1);
  });
});
