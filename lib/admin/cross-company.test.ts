import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, invitations, totpCredentials, users, type User } from '../db/schema';
import { createSession, findActiveSession } from '../sessions/sessions';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp } from '../../tests/fixtures';
import { activateUserTotp } from './activate-user-totp';
import { beginUserTotpSetup } from './begin-user-totp-setup';
import { cancelUserTotpSetup } from './cancel-user-totp-setup';
import { findCompanyUser } from './find-company-user';
import { listUsers } from './list-users';
import { USER_NOT_FOUND } from './messages';
import { resendInvitation } from './resend-invitation';
import { resetUserTwoFactor } from './reset-user-2fa';
import { setUserMethod } from './set-user-method';
import { updateUser } from './update-user';
import { builtInRoleId } from '../roles/built-in-roles';

/**
 * The admin of company A aims every admin function at a user of company B. Each must answer
 * exactly as for an unknown id and leave B's rows (and the audit log) untouched.
 */
let db: Db;
let adminA: User;
let victim: User;
let invitedVictim: User;
/** Company A's Member role: what A's admin would pick in the form. */
let memberRoleA: string;
beforeAll(async () => {
  db = await createTestDatabase();
  adminA = await seedAdmin(db);
  const b = await seedUserWithTotp(db);
  victim = b.user;
  await db.update(companies).set({ allowDuo: true }).where(eq(companies.id, adminA.companyId));
  [invitedVictim] = await db
    .insert(users)
    .values({
      companyId: victim.companyId,
      name: 'Pending',
      email: `pending-${Date.now()}@example.com`,
      roleId: await builtInRoleId(db, victim.companyId, 'member'),
    })
    .returning();
  memberRoleA = await builtInRoleId(db, adminA.companyId, 'member');
});

async function snapshot(userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const totp = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  const invites = await db.select().from(invitations).where(eq(invitations.userId, userId));
  const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, userId));
  return { user, totp, invites, audit };
}

const scope = () => ({ companyId: adminA.companyId, actorUserId: adminA.id, targetUserId: victim.id });

describe('an admin of company A targeting a user of company B', () => {
  it('cannot see them in the list or the search', async () => {
    const all = await listUsers(db, { companyId: adminA.companyId, viewerId: adminA.id });
    expect(all.map((u) => u.id)).toEqual([adminA.id]);
    expect(await listUsers(db, { companyId: adminA.companyId, viewerId: adminA.id, query: victim.email })).toEqual([]);
  });

  it('cannot open them', async () => {
    expect(await findCompanyUser(db, { companyId: adminA.companyId, userId: victim.id })).toBeNull();
  });

  const attempts: Array<[string, () => Promise<unknown>, string?]> = [
    [
      'updateUser',
      () =>
        updateUser(db, {
          ...scope(),
          name: 'Owned',
          email: 'owned@example.com',
          mobile: '',
          roleId: memberRoleA,
        }),
    ],
    ['setUserMethod otp', () => setUserMethod(db, { ...scope(), method: 'otp' })],
    ['setUserMethod duo', () => setUserMethod(db, { ...scope(), method: 'duo' })],
    ['beginUserTotpSetup', () => beginUserTotpSetup(db, scope())],
    ['cancelUserTotpSetup', () => cancelUserTotpSetup(db, scope())],
    ['activateUserTotp', () => activateUserTotp(db, { ...scope(), code: '123456' })],
    ['resetUserTwoFactor', () => resetUserTwoFactor(db, scope())],
  ];

  for (const [name, attempt] of attempts) {
    it(`${name}: not found, and nothing of theirs changes`, async () => {
      const session = await createSession(db, { userId: victim.id, secondFactor: true });
      const before = await snapshot(victim.id);
      expect(await attempt()).toEqual({ ok: false, error: USER_NOT_FOUND });
      expect(await snapshot(victim.id)).toEqual(before);
      expect(await findActiveSession(db, session.id)).not.toBeNull();
    });
  }

  it('resendInvitation: refused, and no new link is made', async () => {
    const before = await snapshot(invitedVictim.id);
    const result = await resendInvitation(db, {
      companyId: adminA.companyId,
      actorUserId: adminA.id,
      targetUserId: invitedVictim.id,
    });
    expect(result).toMatchObject({ ok: false });
    expect(await snapshot(invitedVictim.id)).toEqual(before);
  });

  it('a malformed id is not found either (and never reaches Postgres as an error)', async () => {
    expect(
      await updateUser(db, {
        ...scope(),
        targetUserId: 'nope',
        name: 'x',
        email: 'x@example.com',
        mobile: '',
        roleId: memberRoleA,
      }),
    ).toEqual({ ok: false, error: USER_NOT_FOUND });
    expect(await findCompanyUser(db, { companyId: adminA.companyId, userId: "1' or '1'='1" })).toBeNull();
  });

  it('the same calls work on a user of their own company', async () => {
    const member = await seedMember(db, adminA.companyId);
    expect(
      await setUserMethod(db, {
        companyId: adminA.companyId,
        actorUserId: adminA.id,
        targetUserId: member.id,
        method: 'otp',
      }),
    ).toEqual({ ok: true, data: { emailed: true } });
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row.preferredMethod).toBe('otp');
  });
});
