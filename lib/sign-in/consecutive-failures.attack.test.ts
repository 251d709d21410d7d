/**
 * Issue #8, attack 5 at the lib level, where the clock can move: never more than 100 consecutive
 * failures per account (NIST SP 800-63B), even when each guess comes in a fresh 15-minute window
 * so that only the consecutive cap can stop it. Passwords: lib/sign-in/check-password.test.ts
 * ("never allows more than 100 consecutive failures, across windows"); sign-in and
 * re-authentication sharing one count: lib/accounts/confirm-password.test.ts. Here: second
 * factors, and re-authentication on its own. The HTTP side: e2e/security/brute-force.spec.ts.
 */
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { confirmPassword } from '../accounts/confirm-password';
import { CONSECUTIVE_FAILURES_LIMIT, MINUTE_MS } from '../limits';
import { openChallenge } from './open-challenge';
import { verifyFactor } from './verify-factor';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** Each guess 16 minutes after the last: every per-window limit has started over. */
const windowsApart = (start: Date, i: number) => new Date(start.getTime() + 60_000 + i * 16 * MINUTE_MS);
const codeAt = (secret: string, at: Date) => generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

describe('never more than 100 consecutive failures', () => {
  it('second factors: after 100 wrong codes across windows, the right code is refused', async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    for (let i = 0; i < CONSECUTIVE_FAILURES_LIMIT; i++) {
      const now = windowsApart(enabledAt, i);
      const { token } = await openChallenge(db, { userId: user.id, factorRequired: true, now });
      const wrong = await verifyFactor(db, { token, method: 'totp', code: i % 2 ? '000000' : '999999', now });
      expect(wrong.ok, `guess ${i}`).toBe(false);
      expect(wrong.ok === false && wrong.retryAfterSeconds, `guess ${i} was checked`).toBeFalsy();
    }
    const now = windowsApart(enabledAt, CONSECUTIVE_FAILURES_LIMIT);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true, now });
    const right = await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, now), now });
    expect(right).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
  });

  it('second factors: 99 wrong codes leave the right one working (the cap is 100, not less)', async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    for (let i = 0; i < CONSECUTIVE_FAILURES_LIMIT - 1; i++) {
      const now = windowsApart(enabledAt, i);
      const { token } = await openChallenge(db, { userId: user.id, factorRequired: true, now });
      await verifyFactor(db, { token, method: 'backup', code: 'AAAAA-AAAAA', now });
    }
    const now = windowsApart(enabledAt, CONSECUTIVE_FAILURES_LIMIT);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true, now });
    expect((await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, now), now })).ok).toBe(true);
  });

  // Without the cap, 10 guesses every 15 minutes on a stolen session would never end.
  it('re-authentication: after 100 wrong passwords across windows, the right one is refused', async () => {
    const { user, enabledAt } = await seedUserWithTotp(db);
    for (let i = 0; i < CONSECUTIVE_FAILURES_LIMIT; i++) {
      const now = windowsApart(enabledAt, i);
      const wrong = await confirmPassword(db, { userId: user.id, password: `guess number ${i}`, now });
      expect(wrong).toMatchObject({ ok: false, error: expect.stringMatching(/not right/) });
    }
    const now = windowsApart(enabledAt, CONSECUTIVE_FAILURES_LIMIT);
    expect(await confirmPassword(db, { userId: user.id, password: STRONG_PASSWORD, now })).toMatchObject({
      ok: false,
    });
  });
});
