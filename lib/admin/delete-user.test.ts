import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { apiKeys, auditEvents, invitations, roles, sessions, totpCredentials, users, type User } from '../db/schema';
import { generateApiKey } from '../api-keys/key-format';
import { recordAudit } from '../audit/record';
import { describeEvent } from '../audit/describe-event';
import { listCompanyEvents } from '../audit/list-company-events';
import { hashToken, newToken } from '../crypto/tokens';
import { LAST_ADMINISTRATOR } from '../roles/last-administrator';
import { createSession, findActiveSession } from '../sessions/sessions';
import { openChallenge } from '../sign-in/open-challenge';
import { beginTotpSetup } from '../twofactor/totp-credential';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp } from '../../tests/fixtures';
import { deleteUser, typeEmailToConfirm } from './delete-user';
import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { NO_LONGER_ALLOWED } from './offboarding-checks';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const remove = (admin: User, target: User, confirmation = target.email) =>
  deleteUser(db, {
    companyId: admin.companyId,
    actorUserId: admin.id,
    targetUserId: target.id,
    confirmation,
    ip: '10.42.0.1',
  });
const exists = async (id: string) => (await db.select().from(users).where(eq(users.id, id))).length === 1;

describe('deleteUser', () => {
  it('asks for the user’s email typed exactly (any case); anything else deletes nothing', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const message = typeEmailToConfirm(member.email);
    for (const typed of ['', 'yes', admin.email, `${member.email}x`, member.email.replace('@', ' @')])
      expect(await remove(admin, member, typed)).toEqual({
        ok: false,
        error: message,
        fieldErrors: { confirmation: message },
      });
    expect(await exists(member.id)).toBe(true);
    expect(await remove(admin, member, ` ${member.email.toUpperCase()} `)).toEqual({
      ok: true,
      data: { name: member.name, email: member.email },
    });
    expect(await exists(member.id)).toBe(false);
  });

  it('keeps every audit event, labelled with the user’s email, and Activity still says who', async () => {
    const admin = await seedAdmin(db);
    const leaver = await seedMember(db, admin.companyId, { email: `alice-${Date.now()}@example.com` });
    const scope = { companyId: admin.companyId };
    await recordAudit(db, { ...scope, type: 'password.changed', actorUserId: leaver.id, targetUserId: leaver.id });
    await recordAudit(db, { ...scope, type: '2fa.reset_by_admin', actorUserId: admin.id, targetUserId: leaver.id });
    await recordAudit(db, { ...scope, type: 'user.reinvited', actorUserId: leaver.id, targetUserId: admin.id });
    expect((await remove(admin, leaver)).ok).toBe(true);

    const rows = await db.select().from(auditEvents).where(eq(auditEvents.companyId, admin.companyId));
    const byType = (type: string) => rows.find((r) => r.type === type)!;
    expect(byType('password.changed')).toMatchObject({
      actorUserId: null,
      targetUserId: null,
      actorLabel: leaver.email,
      targetLabel: leaver.email,
    });
    expect(byType('2fa.reset_by_admin')).toMatchObject({ actorUserId: admin.id, targetLabel: leaver.email });
    expect(byType('user.reinvited')).toMatchObject({ actorLabel: leaver.email, targetUserId: admin.id });
    expect(byType('user.deleted')).toMatchObject({
      actorUserId: admin.id,
      targetUserId: null,
      targetLabel: leaver.email,
      actorLabel: null,
      ip: '10.42.0.1',
      detail: { name: leaver.name },
    });

    const activity = (await listCompanyEvents(db, admin.companyId)).map((e) => ({ type: e.type, ...describeEvent(e) }));
    const deleted = `deleted user ${leaver.email}`;
    expect(activity.find((e) => e.type === 'user.deleted')).toMatchObject({
      what: 'Deleted a user',
      by: admin.email,
      subject: deleted,
    });
    expect(activity.find((e) => e.type === 'password.changed')).toMatchObject({ by: deleted, subject: '—' });
    expect(activity.find((e) => e.type === '2fa.reset_by_admin')).toMatchObject({ by: admin.email, subject: deleted });
  });

  it('takes the user’s sessions, sign-ins, factors, links and API keys with them; others’ rows only lose the reference', async () => {
    const { user: owner } = await seedUserWithTotp(db);
    const leaver = await seedMember(db, owner.companyId, { role: 'administrator' });
    const session = await createSession(db, { userId: leaver.id, secondFactor: true });
    await openChallenge(db, { userId: leaver.id, factorRequired: true });
    await beginTotpSetup(db, leaver.id);
    const key = generateApiKey();
    await db.insert(apiKeys).values({ userId: leaver.id, name: 'CI', prefix: key.prefix, secretHash: key.secretHash });
    // Rows of others that name the leaver: an invitation they sent, a key they created.
    const invitee = await seedMember(db, owner.companyId);
    await db.insert(invitations).values({
      userId: invitee.id,
      tokenHash: hashToken(newToken()),
      invitedBy: leaver.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const ownKey = generateApiKey();
    await db.insert(apiKeys).values({
      userId: invitee.id,
      name: 'B',
      prefix: ownKey.prefix,
      secretHash: ownKey.secretHash,
      createdBy: leaver.id,
    });

    expect((await remove(owner, leaver)).ok).toBe(true);
    expect(await findActiveSession(db, session.id)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, leaver.id))).toEqual([]);
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, leaver.id))).toEqual([]);
    expect(await db.select().from(apiKeys).where(eq(apiKeys.userId, leaver.id))).toEqual([]);
    const [invitation] = await db.select().from(invitations).where(eq(invitations.userId, invitee.id));
    expect(invitation.invitedBy).toBeNull();
    const [kept] = await db.select().from(apiKeys).where(eq(apiKeys.userId, invitee.id));
    expect(kept.createdBy).toBeNull();
  });

  it('every foreign key to users cascades or sets null, audit events always set null (a new table cannot block deletion)', async () => {
    const rows = (await db.execute(sql`
      select conrelid::regclass::text as "table", conname as name, confdeltype as action
      from pg_constraint where contype = 'f' and confrelid = 'users'::regclass
    `)) as unknown as Array<{ table: string; name: string; action: string }>;
    expect(rows.length).toBeGreaterThan(10);
    for (const fk of rows) expect(['c', 'n'], `${fk.table}.${fk.name}`).toContain(fk.action);
    expect(rows.filter((fk) => fk.table === 'audit_events').map((fk) => fk.action)).toEqual(['n', 'n']);
  });

  it('refuses the admin’s own account, another company’s user and unknown ids, changing nothing', async () => {
    const admin = await seedAdmin(db);
    await seedMember(db, admin.companyId, { role: 'administrator' });
    expect(await remove(admin, admin)).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
    const stranger = await seedMember(db, (await seedAdmin(db)).companyId);
    expect(await remove(admin, stranger)).toEqual({ ok: false, error: USER_NOT_FOUND });
    for (const targetUserId of [crypto.randomUUID(), 'nope'])
      expect(
        await deleteUser(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId, confirmation: 'x' }),
      ).toEqual({ ok: false, error: USER_NOT_FOUND });
    expect(await exists(admin.id)).toBe(true);
    expect(await exists(stranger.id)).toBe(true);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.type, 'user.deleted'));
    expect(events.filter((e) => e.companyId === admin.companyId || e.companyId === stranger.companyId)).toEqual([]);
  });

  it('refuses the last active holder of company:write, and a user who holds more than the admin', async () => {
    const admin = await seedAdmin(db);
    const api = await seedMember(db, admin.companyId, { role: 'administrator', isApiAccount: true });
    expect(await remove(api, admin)).toEqual({ ok: false, error: LAST_ADMINISTRATOR });
    const manager = await seedMember(db, admin.companyId);
    const [userManager] = await db
      .insert(roles)
      .values({ companyId: admin.companyId, name: 'User manager', permissions: ['users:read', 'users:write'] })
      .returning();
    await db.update(users).set({ roleId: userManager.id }).where(eq(users.id, manager.id));
    expect(await remove(manager, api)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^You can only delete users whose permissions your own role holds/),
    });
    // Without users:write (an auditor) nothing at all, whatever the page let them post.
    const auditor = await seedMember(db, admin.companyId, { role: 'auditor' });
    expect(await remove(auditor, manager)).toEqual({ ok: false, error: NO_LONGER_ALLOWED });
    expect(await exists(admin.id)).toBe(true);
    expect(await exists(api.id)).toBe(true);
  });

  it('two admins deleting each other at once: one wins and the other is refused', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await seedAdmin(db);
      const b = await seedMember(db, a.companyId, { role: 'administrator' });
      await seedMember(db, a.companyId, { role: 'administrator' });
      const [ab, ba] = await Promise.all([remove(a, b), remove(b, a)]);
      expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1);
      expect(ab.ok ? ba : ab).toEqual({ ok: false, error: NO_LONGER_ALLOWED });
      expect([await exists(a.id), await exists(b.id)].filter(Boolean)).toHaveLength(1);
    }
  });
});
