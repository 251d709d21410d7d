import { and, eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, outboxMessages, sessions } from '../db/schema';
import { MINUTE_MS, REAUTH_WINDOW_MS, SECOND_FACTOR_FAILURES_PER_ACCOUNT } from '../limits';
import { createSession } from '../sessions/sessions';
import { reauthenticatedRecently, readReauthentication } from '../sessions/reauthentication';
import { consumeTotpStep } from './totp-credential';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { reauthenticateSession } from './reauthenticate-session';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const stampOf = async (sessionId: string) => (await readReauthentication(db, sessionId))!;

describe('the re-authentication window (sudo mode)', () => {
  const t0 = new Date('2026-11-25T10:00:00Z');
  const none = { reauthenticatedAt: null, secondFactorAt: null };

  it('a confirmation covers its session for REAUTH_WINDOW_MS (10 minutes), not a moment longer', () => {
    const confirmed = { ...none, reauthenticatedAt: t0 };
    expect(REAUTH_WINDOW_MS).toBe(10 * MINUTE_MS);
    expect(reauthenticatedRecently(confirmed, t0)).toBe(true);
    expect(reauthenticatedRecently(confirmed, at(t0, REAUTH_WINDOW_MS - 1000))).toBe(true);
    expect(reauthenticatedRecently(confirmed, at(t0, REAUTH_WINDOW_MS))).toBe(false);
    expect(reauthenticatedRecently(none, t0)).toBe(false);
  });

  it('a sign-in that passed a second factor counts as a confirmation for the same window; a password-only one does not', () => {
    expect(reauthenticatedRecently({ ...none, secondFactorAt: t0 }, at(t0, 5 * MINUTE_MS))).toBe(true);
    expect(reauthenticatedRecently({ ...none, secondFactorAt: t0 }, at(t0, REAUTH_WINDOW_MS))).toBe(false);
  });
});

describe('reauthenticateSession', () => {
  it('the password stamps the session it came from, and no other session of the same admin', async () => {
    const admin = await seedAdmin(db);
    const [mine, other] = [
      await createSession(db, { userId: admin.id, secondFactor: false }),
      await createSession(db, { userId: admin.id, secondFactor: false }),
    ];
    const now = new Date();
    const confirm = (secret: string) =>
      reauthenticateSession(db, { user: admin, sessionId: mine.id, method: 'password', secret, now });

    expect(await confirm('not my password')).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.any(String) },
    });
    expect(reauthenticatedRecently(await stampOf(mine.id), now)).toBe(false);
    expect(await confirm(STRONG_PASSWORD)).toEqual({ ok: true, data: undefined });
    expect(reauthenticatedRecently(await stampOf(mine.id), now)).toBe(true);
    expect(reauthenticatedRecently(await stampOf(mine.id), at(now, REAUTH_WINDOW_MS))).toBe(false);
    expect(await stampOf(other.id)).toEqual({ reauthenticatedAt: null, secondFactorAt: null });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, admin.id), eq(auditEvents.type, 'session.reauthenticated')));
    expect(events.map((e) => e.detail)).toEqual([{ method: 'password' }]);
  });

  it('cannot stamp a session of someone else', async () => {
    const [admin, stranger] = [await seedAdmin(db), await seedAdmin(db)];
    const theirs = await createSession(db, { userId: stranger.id, secondFactor: false });
    const result = await reauthenticateSession(db, {
      user: admin,
      sessionId: theirs.id,
      method: 'password',
      secret: STRONG_PASSWORD,
    });
    expect(result).toMatchObject({ ok: false, restart: true });
    expect(await stampOf(theirs.id)).toEqual({ reauthenticatedAt: null, secondFactorAt: null });
  });

  it('an authenticator code works once: it is used up for sign-in too, and a replay is refused', async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    // A minute after enrolment, so the enrolment code's step is behind us.
    const now = at(enabledAt, MINUTE_MS);
    const code = generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
    const confirm = (c: string) =>
      reauthenticateSession(db, { user, sessionId: session.id, method: 'totp', secret: c, now });

    expect(await confirm('000000')).toMatchObject({ ok: false, fieldErrors: { code: expect.any(String) } });
    expect(await confirm(code)).toEqual({ ok: true, data: undefined });
    expect(await confirm(code)).toMatchObject({ ok: false, error: expect.stringMatching(/already used/) });
    expect(await consumeTotpStep(db, { userId: user.id, step: Math.floor(now.getTime() / 30_000) })).toBe(false);
  });

  it('a backup code works once and the user is told by email', async () => {
    const { user, codes } = await seedUserWithTotp(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const confirm = () =>
      reauthenticateSession(db, { user, sessionId: session.id, method: 'backup', secret: codes[3] });
    expect(await confirm()).toEqual({ ok: true, data: undefined });
    expect(await confirm()).toMatchObject({ ok: false, error: expect.stringMatching(/already been used/) });
    const notices = await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
    expect(notices.map((m) => m.subject)).toContain('A backup code was used to confirm it’s you');
  });

  it('wrong codes count against the account’s second-factor limit: then even a right code is refused', async () => {
    const { user, secret } = await seedUserWithTotp(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const now = at(new Date(), 2 * MINUTE_MS);
    for (let i = 0; i < SECOND_FACTOR_FAILURES_PER_ACCOUNT; i++)
      await reauthenticateSession(db, { user, sessionId: session.id, method: 'backup', secret: `WRONG${i}CODE`, now });
    const code = generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
    expect(
      await reauthenticateSession(db, { user, sessionId: session.id, method: 'totp', secret: code, now }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/Too many wrong codes/) });
    const [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(row.reauthenticatedAt).toBeNull();
  });
});
