import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, sessions, totpCredentials } from '../db/schema';
import { REAUTH_WINDOW_MS } from '../limits';
import { createSession } from '../sessions/sessions';
import { readReauthentication } from '../sessions/reauthentication';
import { disableTwoFactor } from './disable-2fa';
import { regenerateBackupCodes } from './regenerate-backup-codes';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { confirmRecentOrPassword, isRecentlyConfirmed } from './confirm-recent';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const ago = (ms: number) => new Date(Date.now() - ms);

/** A session whose sign-in and any confirmation lie `msAgo` in the past (the clock, not a wait). */
async function sessionConfirmed(userId: string, msAgo: number | null) {
  const session = await createSession(db, { userId, secondFactor: false });
  await db
    .update(sessions)
    .set({ reauthenticatedAt: msAgo === null ? null : ago(msAgo), secondFactorAt: null })
    .where(eq(sessions.id, session.id));
  return session;
}

describe('confirmRecentOrPassword: one confirmation covers the session for the window', () => {
  it('within the window no password is needed; after it, leaving the password out is refused', async () => {
    const user = await seedAdmin(db);
    const fresh = await sessionConfirmed(user.id, 60_000);
    expect(await confirmRecentOrPassword(db, { user, sessionId: fresh.id })).toEqual({ ok: true, data: undefined });
    const stale = await sessionConfirmed(user.id, REAUTH_WINDOW_MS + 1000);
    expect(await confirmRecentOrPassword(db, { user, sessionId: stale.id })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.any(String) },
    });
    const never = await sessionConfirmed(user.id, null);
    expect(await confirmRecentOrPassword(db, { user, sessionId: never.id, password: '' })).toMatchObject({ ok: false });
  });

  it('another session of the same user is not covered by this one’s confirmation', async () => {
    const user = await seedAdmin(db);
    await sessionConfirmed(user.id, 0);
    const other = await sessionConfirmed(user.id, null);
    expect(await isRecentlyConfirmed(db, other.id)).toBe(false);
  });

  it('a right password opens the window on this session (audited); a wrong one is tied to the field', async () => {
    const user = await seedAdmin(db);
    const session = await sessionConfirmed(user.id, null);
    const wrong = await confirmRecentOrPassword(db, { user, sessionId: session.id, password: 'not my password' });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { password: expect.stringMatching(/not right/) } });
    expect(await isRecentlyConfirmed(db, session.id)).toBe(false);
    expect((await confirmRecentOrPassword(db, { user, sessionId: session.id, password: STRONG_PASSWORD })).ok).toBe(
      true,
    );
    expect((await readReauthentication(db, session.id))?.reauthenticatedAt).not.toBeNull();
    expect(await confirmRecentOrPassword(db, { user, sessionId: session.id })).toMatchObject({ ok: true });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.map((e) => e.type)).toContain('session.reauthenticated');
  });

  it('a wrong password inside the window is still refused (the form sent one: it is checked)', async () => {
    const user = await seedAdmin(db);
    const session = await sessionConfirmed(user.id, 0);
    expect(await confirmRecentOrPassword(db, { user, sessionId: session.id, password: 'wrong' })).toMatchObject({
      ok: false,
    });
  });
});

describe('the security changes use the window', () => {
  it('regenerate and disable work without the password inside the window, and are refused after it', async () => {
    const { user } = await seedUserWithTotp(db);
    const stale = await sessionConfirmed(user.id, REAUTH_WINDOW_MS + 1000);
    expect(await regenerateBackupCodes(db, { user, sessionId: stale.id })).toMatchObject({ ok: false });
    expect(await disableTwoFactor(db, { user, sessionId: stale.id })).toMatchObject({ ok: false });
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))).toHaveLength(1);

    const fresh = await sessionConfirmed(user.id, 5_000);
    const codes = await regenerateBackupCodes(db, { user, sessionId: fresh.id });
    expect(codes.ok && codes.data.codes).toHaveLength(10);
    expect(await disableTwoFactor(db, { user, sessionId: fresh.id })).toMatchObject({ ok: true });
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))).toHaveLength(0);
  });
});
