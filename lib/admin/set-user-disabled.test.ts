import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import {
  apiKeys,
  auditEvents,
  emailChanges,
  invitations,
  loginChallenges,
  outboxMessages,
  passwordResets,
  recoveryRequests,
  roles,
  sessions,
  users,
  type User,
} from '../db/schema';
import { generateApiKey } from '../api-keys/key-format';
import { hashToken, newToken } from '../crypto/tokens';
import { LAST_ADMINISTRATOR } from '../roles/last-administrator';
import { createSession, findActiveSession } from '../sessions/sessions';
import { openChallenge } from '../sign-in/open-challenge';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { NO_LONGER_ALLOWED } from './offboarding-checks';
import { setUserDisabled } from './set-user-disabled';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const HOUR = 3_600_000;
const later = (now: Date) => new Date(now.getTime() + HOUR);
const deactivate = (admin: User, target: User, disabled = true) =>
  setUserDisabled(db, {
    companyId: admin.companyId,
    actorUserId: admin.id,
    targetUserId: target.id,
    disabled,
    ip: '10.40.0.1',
  });
const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
const eventsAbout = async (id: string) =>
  (await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, id))).map((e) => e.type);
const mailTo = (email: string) => db.select().from(outboxMessages).where(eq(outboxMessages.to, email));

/** Everything that could still let `user` in: a session, a sign-in in progress, and one of each link. */
async function giveAccess(admin: User, user: User) {
  const now = new Date();
  const session = await createSession(db, { userId: user.id, secondFactor: true });
  const challenge = await openChallenge(db, { userId: user.id, factorRequired: true });
  const link = { userId: user.id, tokenHash: hashToken(newToken()), createdAt: now, expiresAt: later(now) };
  await db.insert(passwordResets).values(link);
  await db.insert(invitations).values({ ...link, tokenHash: hashToken(newToken()), invitedBy: admin.id });
  await db.insert(emailChanges).values({
    ...link,
    tokenHash: hashToken(newToken()),
    newEmail: `new-${user.id}@example.com`,
    requestedBy: admin.id,
  });
  const request = {
    userId: user.id,
    companyId: user.companyId,
    answerVerifiedAt: now,
    createdAt: now,
    expiresAt: later(now),
  };
  for (const status of ['awaiting_email', 'awaiting_admin', 'approved', 'used'] as const)
    await db
      .insert(recoveryRequests)
      .values({ ...request, status, emailTokenHash: hashToken(newToken()), cancelTokenHash: hashToken(newToken()) });
  const key = generateApiKey();
  await db.insert(apiKeys).values({ userId: user.id, name: 'CI', prefix: key.prefix, secretHash: key.secretHash });
  return { session, challenge };
}

describe('setUserDisabled: deactivating', () => {
  it('sets the flag and, in the same transaction, ends sessions, sign-ins, links and recovery; API keys stay', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const { session } = await giveAccess(admin, member);
    const before = new Date();
    expect(await findActiveSession(db, session.id)).not.toBeNull();

    const result = await deactivate(admin, member);
    expect(result).toMatchObject({ ok: true, data: { changed: true, emailed: true, user: { disabled: true } } });

    expect((await row(member.id)).disabled).toBe(true);
    // The session row is gone: the very next request of that browser finds nothing.
    expect(await findActiveSession(db, session.id)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, member.id))).toEqual([]);
    expect(await db.select().from(loginChallenges).where(eq(loginChallenges.userId, member.id))).toEqual([]);
    for (const table of [passwordResets, invitations, emailChanges]) {
      const links = await db.select().from(table).where(eq(table.userId, member.id));
      expect(links).toHaveLength(1);
      expect(links[0].expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(links[0].expiresAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    }
    const requests = await db.select().from(recoveryRequests).where(eq(recoveryRequests.userId, member.id));
    expect(requests.map((r) => r.status).sort()).toEqual(['cancelled', 'cancelled', 'cancelled', 'used']);
    expect(requests.filter((r) => r.status === 'cancelled').every((r) => r.resolvedBy === admin.id)).toBe(true);
    const keys = await db.select().from(apiKeys).where(eq(apiKeys.userId, member.id));
    expect(keys).toHaveLength(1);
    expect(keys[0].revokedAt).toBeNull();

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetUserId, member.id), eq(auditEvents.type, 'user.deactivated')));
    expect(event).toMatchObject({ actorUserId: admin.id, companyId: admin.companyId, ip: '10.40.0.1' });
    const [mail] = await mailTo(member.email);
    expect(mail.subject).toBe('Your Latchkey account was deactivated');
    expect(mail.text).toContain('contact your company’s Latchkey administrator');
  });

  it('a session that escaped the ending (a sign-in racing the deactivation) is refused while the flag is set', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    await deactivate(admin, member);
    const late = await createSession(db, { userId: member.id, secondFactor: true });
    expect(await findActiveSession(db, late.id)).toBeNull();
  });

  it('reactivating clears the flag only: sessions stay ended and voided links stay void', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const { session } = await giveAccess(admin, member);
    await deactivate(admin, member);
    expect(await deactivate(admin, member, false)).toMatchObject({
      ok: true,
      data: { changed: true, emailed: true, user: { disabled: false } },
    });
    expect((await row(member.id)).disabled).toBe(false);
    expect(await findActiveSession(db, session.id)).toBeNull();
    const [reset] = await db.select().from(passwordResets).where(eq(passwordResets.userId, member.id));
    expect(reset.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await eventsAbout(member.id)).toEqual(['user.deactivated', 'user.reactivated']);
    expect((await mailTo(member.email)).map((m) => m.subject)).toEqual([
      'Your Latchkey account was deactivated',
      'Your Latchkey account was reactivated',
    ]);
    // A fresh session works again.
    const fresh = await createSession(db, { userId: member.id, secondFactor: true });
    expect(await findActiveSession(db, fresh.id)).not.toBeNull();
  });

  it('asking for the state the user is already in changes, audits and emails nothing', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    expect(await deactivate(admin, member, false)).toMatchObject({
      ok: true,
      data: { changed: false, emailed: null, user: { disabled: false } },
    });
    await deactivate(admin, member);
    expect(await deactivate(admin, member)).toMatchObject({ ok: true, data: { changed: false, emailed: null } });
    expect(await eventsAbout(member.id)).toEqual(['user.deactivated']);
    expect(await mailTo(member.email)).toHaveLength(1);
  });

  it('refuses the admin’s own account', async () => {
    const admin = await seedAdmin(db);
    const second = await seedMember(db, admin.companyId, { role: 'administrator' });
    expect(await deactivate(admin, admin)).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
    expect(await deactivate(admin, admin, false)).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
    expect((await row(admin.id)).disabled).toBe(false);
    expect(await eventsAbout(admin.id)).toEqual(['account.created']);
    expect((await row(second.id)).disabled).toBe(false);
  });

  it('another company’s user, an unknown id and a malformed id all look like no user, and nothing changes', async () => {
    const admin = await seedAdmin(db);
    const other = await seedAdmin(db);
    const victim = await seedMember(db, other.companyId);
    const session = await createSession(db, { userId: victim.id, secondFactor: true });
    for (const targetUserId of [victim.id, crypto.randomUUID(), 'not-a-uuid'])
      expect(
        await setUserDisabled(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId, disabled: true }),
      ).toEqual({ ok: false, error: USER_NOT_FOUND });
    expect((await row(victim.id)).disabled).toBe(false);
    expect(await findActiveSession(db, session.id)).not.toBeNull();
    expect(await eventsAbout(victim.id)).toEqual([]);
  });

  it('nobody takes access away from someone who holds more than they do', async () => {
    const admin = await seedAdmin(db);
    const manager = await seedMember(db, admin.companyId);
    const [userManager] = await db
      .insert(roles)
      .values({ companyId: admin.companyId, name: 'User manager', permissions: ['users:read', 'users:write'] })
      .returning();
    await db.update(users).set({ roleId: userManager.id }).where(eq(users.id, manager.id));
    const refused = await deactivate(manager, admin);
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('Change company settings') });
    expect((await row(admin.id)).disabled).toBe(false);
    // A plain member is theirs to deactivate.
    const member = await seedMember(db, admin.companyId);
    expect((await deactivate(manager, member)).ok).toBe(true);
  });

  it('refuses to leave the company without an active, non-API holder of company:write', async () => {
    const admin = await seedAdmin(db);
    // An API Account holding Administrator (acting through the HTTP API) does not keep the company:
    // it never signs in to the web app.
    const api = await seedMember(db, admin.companyId, { role: 'administrator', isApiAccount: true });
    expect(await deactivate(api, admin)).toEqual({ ok: false, error: LAST_ADMINISTRATOR });
    expect((await row(admin.id)).disabled).toBe(false);
    // With a second administrator, either may go.
    const second = await seedMember(db, admin.companyId, { role: 'administrator' });
    expect((await deactivate(api, admin)).ok).toBe(true);
    expect(await deactivate(api, second)).toEqual({ ok: false, error: LAST_ADMINISTRATOR });
  });

  it('a deactivated admin can deactivate nobody, even with a page loaded before', async () => {
    const admin = await seedAdmin(db);
    const second = await seedMember(db, admin.companyId, { role: 'administrator' });
    const member = await seedMember(db, admin.companyId);
    await deactivate(admin, second);
    expect(await deactivate(second, member)).toEqual({ ok: false, error: NO_LONGER_ALLOWED });
    expect(await deactivate(second, admin)).toEqual({ ok: false, error: NO_LONGER_ALLOWED });
    expect((await row(member.id)).disabled).toBe(false);
  });

  it('two admins deactivating each other at once: exactly one wins, and the company keeps a keeper', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await seedAdmin(db);
      const b = await seedMember(db, a.companyId, { role: 'administrator' });
      // A third keeper, so the last-keeper rule alone would not stop the second of the two.
      const c = await seedMember(db, a.companyId, { role: 'administrator' });
      const [ab, ba] = await Promise.all([deactivate(a, b), deactivate(b, a)]);
      expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1);
      const loser = ab.ok ? ba : ab;
      expect(loser).toEqual({ ok: false, error: NO_LONGER_ALLOWED });
      const [rowA, rowB] = [await row(a.id), await row(b.id)];
      expect([rowA.disabled, rowB.disabled].filter(Boolean)).toHaveLength(1);
      expect((await row(c.id)).disabled).toBe(false);
    }
  });

  it('two admins deactivating each other when they are the only keepers: one wins, the other is refused', async () => {
    const a = await seedAdmin(db);
    const b = await seedMember(db, a.companyId, { role: 'administrator' });
    const results = await Promise.all([deactivate(a, b), deactivate(b, a)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect([(await row(a.id)).disabled, (await row(b.id)).disabled].filter(Boolean)).toHaveLength(1);
  });
});
