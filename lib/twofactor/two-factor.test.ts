import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, backupCodes, totpCredentials } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { getTwoFactorStatus } from './status';
import { createSession, findActiveSession } from '../sessions/sessions';
import { countUnusedBackupCodes, redeemBackupCode } from './backup-code-store';
import { disableTwoFactor } from './disable-2fa';
import { enableTotp } from './enable-totp';
import { regenerateBackupCodes } from './regenerate-backup-codes';
import { beginTotpSetup, consumeTotpStep } from './totp-credential';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

describe('enrolment', () => {
  it('a wrong password keeps the same pending secret, so the QR need not be scanned again', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const secret = await beginTotpSetup(db, user.id);
    const now = new Date();
    const wrong = await enableTotp(db, {
      user,
      sessionId: session.id,
      password: 'not my password',
      code: generateSync({ secret: secret!, epoch: epoch(now) }),
      now,
    });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await beginTotpSetup(db, user.id)).toBe(secret);
    const wrongCode = await enableTotp(db, {
      user,
      sessionId: session.id,
      password: STRONG_PASSWORD,
      code: '000000',
      now,
    });
    expect(wrongCode).toMatchObject({
      ok: false,
      error: expect.stringMatching(/every 30 seconds/),
      fieldErrors: { code: expect.stringMatching(/every 30 seconds/) },
    });
    expect(await beginTotpSetup(db, user.id)).toBe(secret);
  });

  it('stores the secret encrypted, and the confirming code cannot be replayed', async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
    expect(row.secretEncrypted).not.toContain(secret);
    expect(await consumeTotpStep(db, { userId: user.id, step: Math.floor(epoch(enabledAt) / 30) })).toBe(false);
    expect(await consumeTotpStep(db, { userId: user.id, step: Math.floor(epoch(enabledAt) / 30) + 1 })).toBe(true);
  });

  it('signs out the user’s other sessions but keeps the current one', async () => {
    const user = await seedAdmin(db);
    const other = await createSession(db, { userId: user.id, secondFactor: false });
    const current = await createSession(db, { userId: user.id, secondFactor: false });
    const secret = (await beginTotpSetup(db, user.id))!;
    const now = new Date();
    const result = await enableTotp(db, {
      user,
      sessionId: current.id,
      password: STRONG_PASSWORD,
      code: generateSync({ secret, epoch: epoch(now) }),
      now,
    });
    expect(result.ok).toBe(true);
    expect(await findActiveSession(db, other.id)).toBeNull();
    expect(await findActiveSession(db, current.id)).not.toBeNull();
  });
});

describe('who sees a pending secret', () => {
  it('an admin starting setup replaces the user’s own pending secret instead of revealing it', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const own = await beginTotpSetup(db, member.id);
    const adminSecret = await beginTotpSetup(db, member.id, admin.id);
    expect(adminSecret).not.toBe(own);
    expect(await getTwoFactorStatus(db, member.id)).toEqual({ state: 'off' });
    // The user's next "Set up" starts afresh: the admin's secret is never shown to them either.
    const again = await beginTotpSetup(db, member.id);
    expect([own, adminSecret]).not.toContain(again);
  });
});

describe('backup codes', () => {
  it('20 concurrent uses of one code: exactly one succeeds', async () => {
    const { user, codes } = await seedUserWithTotp(db);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => redeemBackupCode(db, { userId: user.id, code: codes[0] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(19);
    expect(await countUnusedBackupCodes(db, user.id)).toBe(9);
  });

  it('a used code says so; a code of another user does not work', async () => {
    const a = await seedUserWithTotp(db);
    const b = await seedUserWithTotp(db);
    expect(await redeemBackupCode(db, { userId: a.user.id, code: a.codes[1].toLowerCase().replace('-', ' ') })).toEqual(
      { ok: true, remaining: 9 },
    );
    expect(await redeemBackupCode(db, { userId: a.user.id, code: a.codes[1] })).toEqual({ ok: false, reason: 'used' });
    expect(await redeemBackupCode(db, { userId: a.user.id, code: b.codes[0] })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('regenerating invalidates the old set at once', async () => {
    const { user, codes, session } = await seedUserWithTotp(db);
    const fresh = await regenerateBackupCodes(db, { user, sessionId: session.id, password: STRONG_PASSWORD });
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(await redeemBackupCode(db, { userId: user.id, code: codes[2] })).toEqual({ ok: false, reason: 'invalid' });
    expect((await redeemBackupCode(db, { userId: user.id, code: fresh.data.codes[0] })).ok).toBe(true);
  });
});

describe('disable', () => {
  it('a wrong password changes nothing', async () => {
    const { user, session } = await seedUserWithTotp(db);
    expect(await disableTwoFactor(db, { user, sessionId: session.id, password: 'wrong' })).toMatchObject({ ok: false });
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))).toHaveLength(1);
    expect(await countUnusedBackupCodes(db, user.id)).toBe(10);
  });

  it('deletes the secret and every code, audits, and ends other sessions together', async () => {
    const { user, session } = await seedUserWithTotp(db);
    const other = await createSession(db, { userId: user.id, secondFactor: true });
    expect(await disableTwoFactor(db, { user, sessionId: session.id, password: STRONG_PASSWORD })).toEqual({
      ok: true,
    });
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))).toEqual([]);
    expect(await db.select().from(backupCodes).where(eq(backupCodes.userId, user.id))).toEqual([]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.map((e) => e.type)).toContain('2fa.disabled');
    expect(await findActiveSession(db, other.id)).toBeNull();
    expect(await findActiveSession(db, session.id)).not.toBeNull();
  });
});
