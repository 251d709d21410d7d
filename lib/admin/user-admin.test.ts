import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, backupCodes, companies, outboxMessages, totpCredentials, users, type User } from '../db/schema';
import { createSession, findActiveSession } from '../sessions/sessions';
import { consumeTotpStep } from '../twofactor/totp-credential';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { activateUserTotp } from './activate-user-totp';
import { beginUserTotpSetup } from './begin-user-totp-setup';
import { describeTwoFactor } from './describe-two-factor';
import { findCompanyUser } from './find-company-user';
import { listUsers } from './list-users';
import { setUserMethod } from './set-user-method';
import { updateUser } from './update-user';
import { readTotpSecret } from '../twofactor/totp-credential';
import { builtInRoleId } from '../roles/built-in-roles';

let db: Db;
let admin: User;
beforeAll(async () => {
  db = await createTestDatabase();
  admin = await seedAdmin(db);
});

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const edit = (target: User, changes: Partial<Parameters<typeof updateUser>[1]> = {}) =>
  updateUser(db, {
    companyId: target.companyId,
    actorUserId: admin.id,
    targetUserId: target.id,
    name: target.name,
    email: target.email,
    mobile: target.mobile ?? '',
    roleId: target.roleId,
    ...changes,
  });

describe('listUsers', () => {
  it('searches name, email and username case-insensitively; % is literal', async () => {
    const { companyId: company, id: viewerId } = await seedAdmin(db);
    const zoe = await seedMember(db, company, { email: 'zoe.q@example.com' });
    await db.update(users).set({ name: 'Zoë Quartermain', username: 'zq_100' }).where(eq(users.id, zoe.id));
    await seedMember(db, company);
    for (const q of ['QUARTER', 'Zoe.Q@', 'ZQ_1'])
      expect((await listUsers(db, { companyId: company, viewerId, query: q })).map((u) => u.id)).toEqual([zoe.id]);
    expect(await listUsers(db, { companyId: company, viewerId, query: '%' })).toEqual([]);
    expect(await listUsers(db, { companyId: company, viewerId })).toHaveLength(3);
  });

  it('says what each user’s second factor is', async () => {
    const company = {
      twoFactorRequired: true,
      allowTotp: true,
      allowDuo: false,
      twoFactorEnforcedFrom: null,
      strongMethodsOnly: false,
    };
    const base = { isApiAccount: false, preferredMethod: null, mobile: null, totp: 'off' as const };
    expect(describeTwoFactor(company, { ...base, totp: 'on' }).method).toBe('Authenticator app');
    expect(describeTwoFactor(company, base).method).toBe('SMS/Email code (email)');
    expect(describeTwoFactor(company, { ...base, mobile: '+447911123456' }).method).toBe('SMS/Email code (SMS)');
    expect(describeTwoFactor({ ...company, twoFactorRequired: false }, base).method).toBe('Off');
    expect(describeTwoFactor(company, { ...base, isApiAccount: true }).method).toBe('Off');
  });
});

describe('updateUser', () => {
  it('stores a valid mobile as E.164 and refuses a landline without saving', async () => {
    const member = await seedMember(db, admin.companyId);
    expect(await edit(member, { mobile: '+44 7911 123456' })).toEqual({
      ok: true,
      data: { changed: ['mobile'], emailChangePending: false, userEmailed: true, linkSent: null },
    });
    const landline = await edit(member, { mobile: '+44 20 7946 0958' });
    expect(landline).toMatchObject({ ok: false, fieldErrors: { mobile: expect.stringMatching(/landline/) } });
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row.mobile).toBe('+447911123456');
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, member.id));
    expect(events.map((e) => e.type)).toEqual(['user.updated']);
  });

  it('a duplicate email is a field error', async () => {
    const member = await seedMember(db, admin.companyId);
    expect(await edit(member, { email: admin.email.toUpperCase() })).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.any(String) },
    });
  });

  it('another admin can demote an admin (an admin never edits their own account: self-target.test.ts)', async () => {
    const first = await seedAdmin(db);
    const second = await seedMember(db, first.companyId, { role: 'administrator' });
    const member = await builtInRoleId(db, first.companyId, 'member');
    expect(
      await updateUser(db, {
        companyId: first.companyId,
        actorUserId: second.id,
        targetUserId: first.id,
        name: first.name,
        email: first.email,
        mobile: '',
        roleId: member,
      }),
    ).toEqual({
      ok: true,
      data: { changed: ['role'], emailChangePending: false, userEmailed: true, linkSent: null },
    });
    expect((await db.select().from(users).where(eq(users.id, first.id)))[0].roleId).toBe(member);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, first.id));
    expect(events.find((e) => e.type === 'user.updated')?.detail).toMatchObject({
      changed: ['role'],
      to: { role: 'Member' },
    });
  });

  it('two admins demoting each other at once: one of them stays admin', async () => {
    const first = await seedAdmin(db);
    const second = await seedMember(db, first.companyId, { role: 'administrator' });
    const [administrator, member] = await Promise.all([
      builtInRoleId(db, first.companyId, 'administrator'),
      builtInRoleId(db, first.companyId, 'member'),
    ]);
    const demote = (actor: User, target: User) =>
      updateUser(db, {
        companyId: first.companyId,
        actorUserId: actor.id,
        targetUserId: target.id,
        name: target.name,
        email: target.email,
        mobile: '',
        roleId: member,
      });
    const results = await Promise.all([demote(first, second), demote(second, first)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const admins = await db.select().from(users).where(eq(users.companyId, first.companyId));
    expect(admins.filter((u) => u.roleId === administrator)).toHaveLength(1);
  });
});

describe('setUserMethod', () => {
  it('Duo only when the company allows it', async () => {
    const member = await seedMember(db, admin.companyId);
    const duo = () =>
      setUserMethod(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id, method: 'duo' });
    expect(await duo()).toMatchObject({ ok: false, error: expect.stringMatching(/Duo is not enabled/) });
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0].preferredMethod).toBeNull();
    await db.update(companies).set({ allowDuo: true }).where(eq(companies.id, admin.companyId));
    expect((await duo()).ok).toBe(true);
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0].preferredMethod).toBe('duo');
    await db.update(companies).set({ allowDuo: false }).where(eq(companies.id, admin.companyId));
  });
});

describe('admin-assisted authenticator setup', () => {
  it('activates with a code from the pending secret and consumes that code’s step; no backup codes are made', async () => {
    const member = await seedMember(db, admin.companyId);
    const memberSession = await createSession(db, { userId: member.id, secondFactor: false });
    expect(
      await beginUserTotpSetup(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id }),
    ).toEqual({ ok: true, data: undefined });
    const pending = (await findCompanyUser(db, { companyId: admin.companyId, userId: member.id }))!.totp!;
    const secret = readTotpSecret(pending);
    const now = new Date();
    const step = Math.floor(epoch(now) / 30);
    const scope = { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id, now };

    expect(await activateUserTotp(db, { ...scope, code: '000000' })).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.any(String) },
    });
    expect(await activateUserTotp(db, { ...scope, code: generateSync({ secret, epoch: epoch(now) }) })).toEqual({
      ok: true,
      data: { emailed: true },
    });

    const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, member.id));
    expect(credential.confirmedAt).not.toBeNull();
    expect(credential.lastUsedStep).toBe(step);
    // The code the admin saw cannot sign the user in; the next one can.
    expect(await consumeTotpStep(db, { userId: member.id, step })).toBe(false);
    expect(await consumeTotpStep(db, { userId: member.id, step: step + 1 })).toBe(true);
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0].preferredMethod).toBe('totp');
    expect(await db.select().from(backupCodes).where(eq(backupCodes.userId, member.id))).toEqual([]);
    expect(await findActiveSession(db, memberSession.id)).toBeNull();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, member.id));
    expect(events.map((e) => e.type)).toContain('2fa.enabled_by_admin');
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.to, member.email));
    expect(mail.at(-1)?.subject).toBe('An authenticator app was set up for you');

    // Once active, the secret cannot be shown again by starting over.
    expect(
      await beginUserTotpSetup(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/already active/) });
    expect(
      await activateUserTotp(db, { ...scope, code: generateSync({ secret, epoch: epoch(now) + 30 }) }),
    ).toMatchObject({ ok: false });
  });
});
