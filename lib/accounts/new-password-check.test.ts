import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { NEW_PASSWORD_CHECKS_PER_ACCOUNT, PASSWORD_MAX_LENGTH } from '../limits';
import { createSession } from '../sessions/sessions';
import { checkPassword } from '../sign-in/check-password';
import { changePassword } from './change-password';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** The slowest kind of input we found for zxcvbn: l33t-speak dictionary words, repeated to the cap. */
const WORST_CASE = 'p4$$w0rd'.repeat(PASSWORD_MAX_LENGTH / 8);

/** Watches the event loop with a 5 ms timer and reports the longest it was kept from firing. */
function watchEventLoop() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

describe('choosing a new password', () => {
  it('a worst-case 256-character password does not stall the server while it is checked', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const stop = watchEventLoop();
    const started = performance.now();
    const result = await changePassword(db, {
      user,
      sessionId: session.id,
      currentPassword: STRONG_PASSWORD,
      newPassword: WORST_CASE,
    });
    const took = performance.now() - started;
    const longestStall = stop();
    expect(result).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.any(String) } });
    // Other requests' timers kept firing while the check ran: no single stall took up most of it.
    // (On the main thread the whole check is one stall, a second or more.)
    expect(longestStall).toBeLessThan(took / 2);
  });

  it('counts every new password tried before checking it, so a flood of expensive ones is cut off', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const attempt = (newPassword: string) =>
      changePassword(db, { user, sessionId: session.id, currentPassword: STRONG_PASSWORD, newPassword });
    for (let i = 0; i < NEW_PASSWORD_CHECKS_PER_ACCOUNT; i++)
      expect(await attempt(`${WORST_CASE.slice(0, 40)}${i}`)).toMatchObject({ ok: false });
    const strong = 'violet harbour compass 1987 kettle';
    expect(await attempt(strong)).toMatchObject({
      ok: false,
      retryAfterSeconds: expect.any(Number),
      fieldErrors: { newPassword: expect.stringMatching(/Too many/) },
    });
    expect((await checkPassword(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '10.40.0.1' })).ok).toBe(
      true,
    );
  });
});
