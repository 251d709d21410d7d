import { eq, inArray } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, backupCodes, rateLimits, sessions, totpCredentials, users, type User } from '../db/schema';
import { limitKeys } from '../rate-limit/limit-keys';
import { createSession } from '../sessions/sessions';
import { hitRateLimit } from '../rate-limit/hit';
import { beginTotpSetup } from '../twofactor/totp-credential';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp } from '../../tests/fixtures';
import { activateUserTotp } from './activate-user-totp';
import { beginUserTotpSetup } from './begin-user-totp-setup';
import { cancelUserTotpSetup } from './cancel-user-totp-setup';
import { SELF_SERVICE_ONLY } from './messages';
import { resendInvitation } from './resend-invitation';
import { resetUserTwoFactor } from './reset-user-2fa';
import { setUserMethod } from './set-user-method';
import { unlockUserSignIn } from './unlock-user-sign-in';
import { updateUser } from './update-user';
import { builtInRoleId } from '../roles/built-in-roles';
import { markApiAccount } from '../api-accounts/mark-api-account';

/**
 * Someone holding an admin's session (a stolen cookie, an unlocked laptop) aims the admin screens
 * at the admin's own account: to take it over (their email, an authenticator of their own), or to
 * strip its protections. Every call is refused with the same pointer to Account › Security, and
 * nothing of the admin's account changes.
 */
let db: Db;
let admin: User;
let memberRole: string;
beforeAll(async () => {
  db = await createTestDatabase();
  // An admin with an active authenticator, a second admin (so demoting is not "the last admin"),
  // and a reauth failure counter a thief would like to clear.
  admin = (await seedUserWithTotp(db)).user;
  await seedMember(db, admin.companyId, { role: 'administrator' });
  await db.update(users).set({ mobile: '+447911123456' }).where(eq(users.id, admin.id));
  [admin] = await db.select().from(users).where(eq(users.id, admin.id));
  await hitRateLimit(db, limitKeys.reauth(admin.id));
  memberRole = await builtInRoleId(db, admin.companyId, 'member');
});

async function snapshot() {
  const [user] = await db.select().from(users).where(eq(users.id, admin.id));
  const totp = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, admin.id));
  const codes = await db.select().from(backupCodes).where(eq(backupCodes.userId, admin.id));
  const live = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, admin.id));
  const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, admin.id));
  const counters = await db
    .select()
    .from(rateLimits)
    .where(inArray(rateLimits.key, [limitKeys.reauth(admin.id).key]));
  return { user, totp, codes, live, audit, counters };
}

const self = () => ({ companyId: admin.companyId, actorUserId: admin.id, targetUserId: admin.id });
const edit = (changes: Partial<Parameters<typeof updateUser>[1]>) =>
  updateUser(db, {
    ...self(),
    name: admin.name,
    email: admin.email,
    mobile: admin.mobile ?? '',
    roleId: admin.roleId,
    ...changes,
  });
const epoch = () => Math.floor(Date.now() / 1000);

describe('an admin aiming the admin screens at their own account', () => {
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['change their own email (to a mailbox the thief reads)', () => edit({ email: 'thief@example.net' })],
    ['change their own name', () => edit({ name: 'Someone Else' })],
    ['change their own mobile', () => edit({ mobile: '+447700900123' })],
    ['demote themselves', () => edit({ roleId: memberRole })],
    ['make themselves an API account', () => markApiAccount(db, { ...self(), generate: true })],
    ['set their own method to SMS/email', () => setUserMethod(db, { ...self(), method: 'otp' })],
    ['start authenticator setup on themselves', () => beginUserTotpSetup(db, self())],
    ['cancel their own authenticator setup', () => cancelUserTotpSetup(db, self())],
    ['activate an authenticator on themselves', () => activateUserTotp(db, { ...self(), code: '123456' })],
    ['reset their own 2FA', () => resetUserTwoFactor(db, self())],
    ['unlock their own sign-in (clearing the re-authentication lockout)', () => unlockUserSignIn(db, self())],
  ];

  for (const [name, attempt] of attempts) {
    it(`cannot ${name}`, async () => {
      const session = await createSession(db, { userId: admin.id, secondFactor: true });
      const before = await snapshot();
      expect(await attempt()).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
      expect(await snapshot()).toEqual(before);
      expect(before.live.map((s) => s.id)).toContain(session.id);
    });
  }

  it('cannot have an invitation sent to themselves', async () => {
    const before = await snapshot();
    expect(await resendInvitation(db, self())).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
  });

  it('cannot finish, from the admin screen, an enrolment they began on their own Security page', async () => {
    // The takeover this closes: without an active authenticator, the admin screen would show the
    // pending secret of the admin's own enrolment and accept a code for it, no password asked.
    const fresh = await seedAdmin(db);
    const pending = (await beginTotpSetup(db, fresh.id))!;
    const scope = { companyId: fresh.companyId, actorUserId: fresh.id, targetUserId: fresh.id };
    expect(await beginUserTotpSetup(db, scope)).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
    expect(await activateUserTotp(db, { ...scope, code: generateSync({ secret: pending, epoch: epoch() }) })).toEqual({
      ok: false,
      error: SELF_SERVICE_ONLY,
    });
    const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, fresh.id));
    expect(credential.confirmedAt).toBeNull();
    expect((await db.select().from(users).where(eq(users.id, fresh.id)))[0].preferredMethod).toBeNull();
  });

  it('the same calls still work on another user of the company', async () => {
    const member = await seedMember(db, admin.companyId);
    const scope = { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id };
    expect((await beginUserTotpSetup(db, scope)).ok).toBe(true);
    expect((await cancelUserTotpSetup(db, scope)).ok).toBe(true);
    expect((await setUserMethod(db, { ...scope, method: 'otp' })).ok).toBe(true);
    expect((await unlockUserSignIn(db, scope)).ok).toBe(true);
    expect((await resetUserTwoFactor(db, scope)).ok).toBe(true);
  });
});
