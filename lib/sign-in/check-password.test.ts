import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { PASSWORD_FAILURES_PER_ACCOUNT, PASSWORD_WINDOW_MS } from '../limits';
import { MAX_CHECKS_IN_FLIGHT } from '../crypto/password';
import { checkPassword } from './check-password';
import { INVALID_PASSWORD_MESSAGE } from './messages';

let db: Db;
let user: User;
beforeAll(async () => {
  db = await createTestDatabase();
  user = await seedAdmin(db, { email: 'grace@example.com', username: 'grace' });
});

describe('checkPassword', () => {
  it('signs in by email or username, in any case', async () => {
    for (const identifier of ['grace@example.com', ' GRACE@example.com ', 'Grace']) {
      const result = await checkPassword(db, { identifier, password: STRONG_PASSWORD, ip: '10.0.0.1' });
      expect(result).toMatchObject({ ok: true, data: { user: { id: user.id } } });
    }
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await checkPassword(db, { identifier: 'grace@example.com', password: 'nope', ip: '10.0.0.2' });
    const unknown = await checkPassword(db, { identifier: 'nobody@example.com', password: 'nope', ip: '10.0.0.2' });
    expect(wrong).toEqual({ ok: false, error: INVALID_PASSWORD_MESSAGE });
    expect(unknown).toEqual(wrong);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const victim = await seedAdmin(db);
    for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT; i++) {
      await checkPassword(db, { identifier: victim.email, password: `guess-${i}`, ip: `10.1.0.${i}` });
    }
    const result = await checkPassword(db, { identifier: victim.email, password: STRONG_PASSWORD, ip: '10.2.0.1' });
    expect(result).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
  });

  it('a burst of parallel guesses gets no more than the limit checked', async () => {
    const victim = await seedAdmin(db);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        checkPassword(db, { identifier: victim.email, password: `burst-${i}`, ip: `10.6.0.${i}` }),
      ),
    );
    // The rest are refused unchecked: locked out, or turned away while the hash slots are busy.
    expect(results.filter((r) => !r.ok && !r.retryAfterSeconds)).toHaveLength(PASSWORD_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.retryAfterSeconds)).toHaveLength(30 - PASSWORD_FAILURES_PER_ACCOUNT);
  });

  it('beyond what the hash slots can take, a check is turned away at once with a time to retry', async () => {
    const results = await Promise.all(
      Array.from({ length: MAX_CHECKS_IN_FLIGHT + 5 }, (_, i) =>
        checkPassword(db, { identifier: `crowd-${i}@example.com`, password: 'x', ip: `10.8.0.${i}` }),
      ),
    );
    const busy = results.filter((r) => !r.ok && /busy/.test(r.error));
    expect(busy).toHaveLength(5);
    for (const refusal of busy) expect(refusal).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    // Once the crowd has passed, checks are admitted again.
    expect(
      await checkPassword(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '10.8.1.1' }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('never allows more than 100 consecutive failures, across windows', async () => {
    const victim = await seedAdmin(db);
    const t0 = Date.now();
    let locked = 0;
    for (let i = 0; i < 110; i++) {
      // Each try in a fresh 15-minute window, so only the consecutive limit can stop it.
      const now = new Date(t0 + i * 16 * 60_000);
      const result = await checkPassword(db, {
        identifier: victim.email,
        password: i < 100 ? `guess-${i}` : STRONG_PASSWORD,
        ip: `10.7.${i}.1`,
        now,
      });
      if (!result.ok && result.retryAfterSeconds) locked++;
    }
    expect(locked).toBe(10);
  });

  it('locks unknown identifiers the same way, so a lockout reveals nothing', async () => {
    for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT; i++) {
      await checkPassword(db, { identifier: 'ghost@example.com', password: `guess-${i}`, ip: `10.3.0.${i}` });
    }
    const result = await checkPassword(db, { identifier: 'ghost@example.com', password: 'x', ip: '10.4.0.1' });
    expect(result).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
  });

  it('a success clears earlier failures', async () => {
    const member = await seedAdmin(db);
    for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT - 1; i++) {
      await checkPassword(db, { identifier: member.email, password: 'wrong', ip: '10.5.0.1' });
    }
    expect((await checkPassword(db, { identifier: member.email, password: STRONG_PASSWORD, ip: '10.5.0.1' })).ok).toBe(
      true,
    );
    expect(await checkPassword(db, { identifier: member.email, password: 'wrong', ip: '10.5.0.1' })).toEqual({
      ok: false,
      error: INVALID_PASSWORD_MESSAGE,
    });
  });
});

describe('lockout backoff', () => {
  it('a repeated sign-in lockout lasts longer each time, up to a cap', async () => {
    const victim = await seedAdmin(db);
    let now = Date.now();
    const waits: number[] = [];
    let lastMessage = '';
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT; i++)
        await checkPassword(db, {
          identifier: victim.email,
          password: `guess-${round}-${i}`,
          ip: `10.8.${round}.${i}`,
          now: new Date(now),
        });
      const locked = await checkPassword(db, {
        identifier: victim.email,
        password: STRONG_PASSWORD,
        ip: '10.8.9.9',
        now: new Date(now),
      });
      expect(locked).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
      if (!locked.ok) [waits[round], lastMessage] = [locked.retryAfterSeconds!, locked.error];
      // Wait out the lockout, then the attacker tries again.
      now += (locked.ok ? 0 : locked.retryAfterSeconds!) * 1000 + 1000;
    }
    expect(waits[0]).toBeLessThanOrEqual(PASSWORD_WINDOW_MS / 1000);
    // 15 minutes, then 30, 60, 120… until the cap (24 hours).
    expect(waits.slice(1)).toEqual([2, 4, 8, 16, 32, 64, 96].map((k) => (k * PASSWORD_WINDOW_MS) / 1000));
    expect(lastMessage).toMatch(/try again in 24 hours/);
  });
});
