import { and, eq, gt } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { invitations, outboxMessages, passwordResets, recoveryRequests, users, type User } from '../db/schema';
import { requestPasswordReset } from '../accounts/request-password-reset';
import { findPasswordReset, resetPassword } from '../accounts/reset-password';
import { authenticateApi } from '../api/authenticate-api';
import { confirmRecoveryEmail } from '../recovery/confirm-recovery-email';
import { approveRecovery, NOT_PENDING_MESSAGE } from '../recovery/approve-recovery';
import { startRecovery } from '../recovery/start-recovery';
import { builtInRoleId } from '../roles/built-in-roles';
import { checkPassword } from '../sign-in/check-password';
import { findChallenge } from '../sign-in/find-challenge';
import { openChallenge } from '../sign-in/open-challenge';
import { redeemChallenge } from '../sign-in/redeem-challenge';
import { startSignIn } from '../sign-in/start-sign-in';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { ANSWER, seedLockedOutUser, startedRequest } from '../../tests/recovery-fixtures';
import { acceptInvitation } from './accept-invitation';
import { findInvitation, INVITATION_MESSAGES } from './find-invitation';
import { inviteUser } from './invite-user';
import { RESEND_DEACTIVATED, resendInvitation } from './resend-invitation';
import { setUserDisabled } from './set-user-disabled';

/**
 * What a deactivated user (or someone holding their password, inbox or old links) can still do:
 * nothing. Each way in is tried for real against the database, as an attacker would.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const NEW_PASSWORD = 'violet harbour cobalt ferry 19';
let ip = 0;
const nextIp = () => `10.41.${Math.floor(++ip / 250)}.${ip % 250}`;

/** Deactivates `user` as another administrator of their company (one is added when needed). */
async function deactivate(user: User) {
  const admin = await seedMember(db, user.companyId, { role: 'administrator' });
  const result = await setUserDisabled(db, {
    companyId: user.companyId,
    actorUserId: admin.id,
    targetUserId: user.id,
    disabled: true,
  });
  if (!result.ok) throw new Error(result.error);
  return admin;
}

async function newestLink(email: string, path: string): Promise<string | null> {
  const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.to, email));
  const texts = mail.map((m) => m.text.match(new RegExp(`${path}([A-Za-z0-9_-]{43})`))?.[1]).filter(Boolean);
  return (texts.at(-1) as string | undefined) ?? null;
}

describe('a deactivated user signing in', () => {
  it('gets exactly the wrong-password answer, with the right password too, so an attacker learns nothing', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    await deactivate(member);
    const right = await checkPassword(db, { identifier: member.email, password: STRONG_PASSWORD, ip: nextIp() });
    const wrong = await checkPassword(db, { identifier: member.email, password: 'not it at all', ip: nextIp() });
    const nobody = await checkPassword(db, { identifier: 'nobody@example.com', password: 'x', ip: nextIp() });
    expect(right.ok).toBe(false);
    expect(right).toEqual(wrong);
    expect(right).toEqual(nobody);
    expect(await startSignIn(db, { identifier: member.email, password: STRONG_PASSWORD, ip: nextIp() })).toEqual(wrong);
  });

  it('a sign-in passed just before (or racing) the deactivation is never exchanged for a session', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const passed = await openChallenge(db, { userId: member.id, factorRequired: false });
    await deactivate(member);
    expect(await redeemChallenge(db, { token: passed.token })).toBeNull();
    // One that slipped in after the deactivation committed (its password check read the row before) fares no better.
    const late = await openChallenge(db, { userId: member.id, factorRequired: false });
    expect(await redeemChallenge(db, { token: late.token })).toBeNull();
    const lateWithFactor = await openChallenge(db, { userId: member.id, factorRequired: true });
    expect(await findChallenge(db, lateWithFactor.token)).toBeNull();
  });
});

describe('a deactivated user and passwords', () => {
  it('"Forgot password" answers as for any address and sends no link', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    await deactivate(member);
    const answer = await requestPasswordReset(db, { email: member.email, ip: nextIp() });
    expect(answer).toEqual(await requestPasswordReset(db, { email: 'nobody@example.com', ip: nextIp() }));
    expect(answer).toEqual({ ok: true, data: undefined });
    await new Promise((r) => setTimeout(r, 150));
    expect(await db.select().from(passwordResets).where(eq(passwordResets.userId, member.id))).toEqual([]);
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.to, member.email));
    expect(mail.map((m) => m.subject)).toEqual(['Your Latchkey account was deactivated']);
  });

  it('a reset link emailed before the deactivation no longer works, even if its expiry were put back', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    await requestPasswordReset(db, { email: member.email, ip: nextIp() });
    let token: string | null = null;
    for (let i = 0; i < 100 && !token; i++) {
      token = await newestLink(member.email, '/reset-password/');
      if (!token) await new Promise((r) => setTimeout(r, 20));
    }
    expect(await findPasswordReset(db, token!)).not.toBeNull();
    await deactivate(member);
    expect(await findPasswordReset(db, token!)).toBeNull();
    expect(await resetPassword(db, { token: token!, newPassword: NEW_PASSWORD })).toMatchObject({ ok: false });
    // Belt and braces: the link is refused for the user's state, not only for its date.
    await db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(passwordResets.userId, member.id));
    expect(await resetPassword(db, { token: token!, newPassword: NEW_PASSWORD })).toMatchObject({ ok: false });
    const [after] = await db.select().from(users).where(eq(users.id, member.id));
    expect(after.passwordHash).toBe(member.passwordHash);
  });
});

describe('a deactivated invitee', () => {
  it('cannot accept the invitation, and no new one can be sent until they are reactivated', async () => {
    const admin = await seedAdmin(db);
    const email = `invitee-${Date.now()}@example.com`;
    const invited = await inviteUser(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      name: 'Ines Invitee',
      email,
      roleId: await builtInRoleId(db, admin.companyId, 'member'),
    });
    if (!invited.ok || !invited.data.user) throw new Error('invitation failed');
    const invitee = invited.data.user;
    const token = (await newestLink(email, '/invite/'))!;
    await setUserDisabled(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: invitee.id,
      disabled: true,
    });
    expect(await findInvitation(db, { token })).toEqual({ state: 'expired' });
    expect(await acceptInvitation(db, { token, password: NEW_PASSWORD })).toEqual({
      ok: false,
      error: INVITATION_MESSAGES.expired,
    });
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(invitations.userId, invitee.id));
    expect(await acceptInvitation(db, { token, password: NEW_PASSWORD })).toMatchObject({ ok: false });
    const [after] = await db.select().from(users).where(eq(users.id, invitee.id));
    expect(after.passwordHash).toBeNull();
    expect(
      await resendInvitation(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId: invitee.id }),
    ).toEqual({ ok: false, error: RESEND_DEACTIVATED });
    // Reactivated, they get a new link, and that one works.
    const scope = { companyId: admin.companyId, actorUserId: admin.id, targetUserId: invitee.id };
    expect((await setUserDisabled(db, { ...scope, disabled: false })).ok).toBe(true);
    expect(await resendInvitation(db, scope)).toEqual({ ok: true, data: { emailSent: true } });
    const fresh = (await newestLink(email, '/invite/'))!;
    expect(fresh).not.toBe(token);
    expect(await acceptInvitation(db, { token, password: NEW_PASSWORD })).toMatchObject({ ok: false });
    expect(await acceptInvitation(db, { token: fresh, password: NEW_PASSWORD })).toEqual({ ok: true, data: { email } });
  });
});

describe('a deactivated user and account recovery', () => {
  it('open requests are cancelled: the email link, the admin’s approval and a new request all fail', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const waiting = await startedRequest(db, { challengeToken, user });
    const admin = await deactivate(user);
    const [request] = await db.select().from(recoveryRequests).where(eq(recoveryRequests.id, waiting.requestId));
    expect(request.status).toBe('cancelled');
    expect(await confirmRecoveryEmail(db, { token: waiting.emailToken })).toMatchObject({ ok: false });
    expect(
      await approveRecovery(db, { companyId: user.companyId, actorUserId: admin.id, requestId: waiting.requestId }),
    ).toEqual({ ok: false, error: NOT_PENDING_MESSAGE });
    expect(await startRecovery(db, { token: challengeToken, answer: ANSWER })).toMatchObject({
      ok: false,
      restart: true,
    });
    const live = await db
      .select()
      .from(recoveryRequests)
      .where(and(eq(recoveryRequests.userId, user.id), gt(recoveryRequests.expiresAt, new Date())));
    expect(live.every((r) => r.status === 'cancelled')).toBe(true);
  });
});

describe('a deactivated API Account', () => {
  it('is refused on its very next call with Basic credentials, exactly like a wrong password', async () => {
    const admin = await seedAdmin(db);
    const api = await seedMember(db, admin.companyId, { isApiAccount: true });
    const basic = (password: string) => `Basic ${Buffer.from(`${api.email}:${password}`).toString('base64')}`;
    expect((await authenticateApi(db, { authorization: basic(STRONG_PASSWORD), ip: nextIp() })).ok).toBe(true);
    await setUserDisabled(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: api.id,
      disabled: true,
    });
    const refused = await authenticateApi(db, { authorization: basic(STRONG_PASSWORD), ip: nextIp() });
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(refused).toEqual(await authenticateApi(db, { authorization: basic('wrong password'), ip: nextIp() }));
    await setUserDisabled(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: api.id,
      disabled: false,
    });
    expect((await authenticateApi(db, { authorization: basic(STRONG_PASSWORD), ip: nextIp() })).ok).toBe(true);
  });
});
