import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { CONSECUTIVE_FAILURES_LIMIT, MINUTE_MS, PASSWORD_WINDOW_MS, REAUTH_FAILURES_PER_ACCOUNT } from '../limits';
import { checkPassword } from '../sign-in/check-password';
import { confirmPassword } from './confirm-password';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('confirmPassword (re-authentication)', () => {
  it('wrong passwords count toward the account’s 100 consecutive failures, like sign-in’s', async () => {
    const user = await seedAdmin(db);
    const t0 = Date.now();
    // 99 failed sign-ins, each in a fresh 15-minute window so only the consecutive cap counts them.
    for (let i = 0; i < CONSECUTIVE_FAILURES_LIMIT - 1; i++) {
      const now = new Date(t0 + i * 16 * MINUTE_MS);
      await checkPassword(db, { identifier: user.email, password: `guess-${i}`, ip: `10.50.${i}.1`, now });
    }
    const later = t0 + CONSECUTIVE_FAILURES_LIMIT * 16 * MINUTE_MS;
    // One wrong password on a security page (a stolen session guessing) is the 100th.
    expect(
      await confirmPassword(db, { userId: user.id, password: 'guess-reauth', now: new Date(later) }),
    ).toMatchObject({ ok: false });
    const signIn = await checkPassword(db, {
      identifier: user.email,
      password: STRONG_PASSWORD,
      ip: '10.50.200.1',
      now: new Date(later + MINUTE_MS),
    });
    expect(signIn).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
  });

  it('a repeated lockout lasts longer each time', async () => {
    const user = await seedAdmin(db);
    let now = Date.now();
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < REAUTH_FAILURES_PER_ACCOUNT; i++)
        await confirmPassword(db, { userId: user.id, password: `guess-${round}-${i}`, now: new Date(now) });
      const locked = await confirmPassword(db, { userId: user.id, password: STRONG_PASSWORD, now: new Date(now) });
      expect(locked).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
      if (!locked.ok) waits.push(locked.retryAfterSeconds!);
      now += locked.ok ? 0 : locked.retryAfterSeconds! * 1000 + 1000;
    }
    expect(waits[0]).toBeLessThanOrEqual(PASSWORD_WINDOW_MS / 1000);
    expect(waits[1]).toBe((2 * PASSWORD_WINDOW_MS) / 1000);
    expect(waits[2]).toBe((4 * PASSWORD_WINDOW_MS) / 1000);
    // The right password after the lockout works, and the next lockout starts from the beginning.
    expect(await confirmPassword(db, { userId: user.id, password: STRONG_PASSWORD, now: new Date(now) })).toEqual({
      ok: true,
      data: undefined,
    });
  });
});
