import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import {
  apiKeys,
  auditEvents,
  invitations,
  loginChallenges,
  outboxMessages,
  passwordResets,
  roles,
  sessions,
  users,
  type User,
} from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from '../admin/messages';
import { API_ACCOUNT_GENERATED_PASSWORD_LENGTH, HOUR_MS } from '../limits';
import { createSession } from '../sessions/sessions';
import { openChallenge } from '../sign-in/open-challenge';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { API_PASSWORD_TOO_SHORT, checkApiPassword } from './check-api-password';
import { API_PASSWORD_ALPHABET, generateApiPassword } from './generate-api-password';
import { ALREADY_API_ACCOUNT, NOT_API_ACCOUNT } from './managed-user';
import { markApiAccount } from './mark-api-account';
import { rotateApiPassword } from './rotate-api-password';
import { setApiAllowList } from './set-api-allow-list';
import { unmarkApiAccount } from './unmark-api-account';

let db: Db;
let admin: User;
beforeAll(async () => {
  db = await createTestDatabase();
  admin = await seedAdmin(db);
});

const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
const scope = (target: { id: string }, actor: User = admin) => ({
  companyId: actor.companyId,
  actorUserId: actor.id,
  targetUserId: target.id,
  ip: '203.0.113.7',
});
const auditOf = (userId: string, type: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetUserId, userId), eq(auditEvents.type, type)));
const mailTo = (email: string) => db.select().from(outboxMessages).where(eq(outboxMessages.to, email));

/** A user of the admin's company already marked, with a generated password. */
async function apiAccount(): Promise<{ user: User; password: string }> {
  const member = await seedMember(db, admin.companyId);
  const marked = await markApiAccount(db, { ...scope(member), generate: true });
  if (!marked.ok) throw new Error(marked.error);
  return { user: await row(member.id), password: marked.data.generatedPassword! };
}

/** An actor whose custom role holds exactly `permissions`. */
async function actorWith(permissions: string[]): Promise<User> {
  const [role] = await db
    .insert(roles)
    .values({ companyId: admin.companyId, name: `Custom ${randomBytes(3).toString('hex')}`, permissions })
    .returning();
  const actor = await seedMember(db, admin.companyId);
  await db.update(users).set({ roleId: role.id }).where(eq(users.id, actor.id));
  return row(actor.id);
}

describe('markApiAccount', () => {
  it('refuses a chosen password that is not long and strong enough, and says why', async () => {
    const member = await seedMember(db, admin.companyId);
    const short = await markApiAccount(db, { ...scope(member), generate: false, password: 'Tr0ub4dor&3xyz!' });
    expect(short).toMatchObject({
      ok: false,
      error: API_PASSWORD_TOO_SHORT,
      fieldErrors: { password: API_PASSWORD_TOO_SHORT },
    });
    // Long enough, but a person's guessable phrase: no top score.
    const weak = await markApiAccount(db, { ...scope(member), generate: false, password: 'passwordpassword12345' });
    expect(weak.ok).toBe(false);
    expect(!weak.ok && weak.error).toMatch(/not strong enough for an API Account.*Let Latchkey generate one/);
    expect((await row(member.id)).isApiAccount).toBe(false);
    expect(await auditOf(member.id, 'api_account.marked')).toEqual([]);
  });

  it('accepts a long, strong password the admin chose, and returns no password', async () => {
    const member = await seedMember(db, admin.companyId);
    const chosen = 'cobalt ferry violet harbour 1987 kettle';
    expect(await markApiAccount(db, { ...scope(member), generate: false, password: chosen })).toEqual({
      ok: true,
      data: { generatedPassword: null },
    });
    const after = await row(member.id);
    expect(after.isApiAccount).toBe(true);
    expect(await verifyPassword(after.passwordHash, chosen)).toBe(true);
    expect((await auditOf(member.id, 'api_account.marked'))[0].detail).toEqual({ generated: false });
  });

  it('generates a password that verifies against the stored argon2 hash, and ends everything web', async () => {
    const member = await seedMember(db, admin.companyId);
    const session = await createSession(db, { userId: member.id, secondFactor: true });
    await openChallenge(db, { userId: member.id, factorRequired: true, ip: '127.0.0.1' });
    const expiresAt = new Date(Date.now() + HOUR_MS);
    await db.insert(invitations).values({ userId: member.id, tokenHash: randomBytes(32).toString('hex'), expiresAt });
    await db
      .insert(passwordResets)
      .values({ userId: member.id, tokenHash: randomBytes(32).toString('hex'), expiresAt });

    const marked = await markApiAccount(db, { ...scope(member), generate: true });
    expect(marked.ok).toBe(true);
    const password = marked.ok ? marked.data.generatedPassword! : '';
    expect(password).toHaveLength(API_ACCOUNT_GENERATED_PASSWORD_LENGTH);
    expect([...password].every((c) => API_PASSWORD_ALPHABET.includes(c))).toBe(true);

    const after = await row(member.id);
    expect(after.isApiAccount).toBe(true);
    expect(after.passwordHash).not.toContain(password);
    expect(await verifyPassword(after.passwordHash, password)).toBe(true);
    expect(await verifyPassword(after.passwordHash, STRONG_PASSWORD)).toBe(false);
    expect(await db.select().from(sessions).where(eq(sessions.id, session.id))).toEqual([]);
    expect(await db.select().from(loginChallenges).where(eq(loginChallenges.userId, member.id))).toEqual([]);
    const open = (t: typeof invitations | typeof passwordResets) =>
      db
        .select()
        .from(t)
        .where(and(eq(t.userId, member.id), isNull(t.usedAt)));
    expect(await open(invitations)).toEqual([]);
    expect(await open(passwordResets)).toEqual([]);

    const [audit] = await auditOf(member.id, 'api_account.marked');
    expect(audit).toMatchObject({ actorUserId: admin.id, detail: { generated: true }, ip: '203.0.113.7' });
    expect(JSON.stringify(audit)).not.toContain(password);
    // The admins who manage API Accounts and the account itself hear of it; the password is in no email.
    const toAdmin = (await mailTo(admin.email)).filter((m) => m.subject?.includes('marked as an API Account'));
    expect(toAdmin.at(-1)?.text).toContain(member.email);
    expect((await mailTo(member.email)).at(-1)?.subject).toBe('Your account is now an API Account');
    const everything = await db.select().from(outboxMessages);
    expect(everything.some((m) => m.text.includes(password))).toBe(false);
  });

  it('a generated password meets the rule a chosen one must meet', async () => {
    const member = await seedMember(db, admin.companyId);
    for (let i = 0; i < 3; i++)
      expect(await checkApiPassword(db, { password: generateApiPassword(), user: member })).toEqual({
        ok: true,
        data: undefined,
      });
    expect(new Set(Array.from({ length: 50 }, generateApiPassword)).size).toBe(50);
  });

  it('refuses the admin themselves, an already marked user, and another company’s user (as unknown)', async () => {
    expect(await markApiAccount(db, { ...scope(admin), generate: true })).toEqual(fail(SELF_SERVICE_ONLY));
    const { user } = await apiAccount();
    expect(await markApiAccount(db, { ...scope(user), generate: true })).toEqual(fail(ALREADY_API_ACCOUNT));
    const other = await seedAdmin(db);
    const stranger = await seedMember(db, other.companyId);
    for (const targetUserId of [stranger.id, other.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expect(await markApiAccount(db, { ...scope(admin), targetUserId, generate: true })).toEqual(fail(USER_NOT_FOUND));
    expect((await row(stranger.id)).isApiAccount).toBe(false);
  });

  it('needs both Manage users and Manage API Accounts', async () => {
    const member = await seedMember(db, admin.companyId);
    for (const permissions of [['api-keys:manage'], ['users:write'], []]) {
      const actor = await actorWith(permissions);
      const answer = await markApiAccount(db, { ...scope(member, actor), generate: true });
      expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^Your role does not allow this/) });
    }
    expect((await row(member.id)).isApiAccount).toBe(false);
  });

  it('cannot hand an admin without company:write the credentials of an Administrator', async () => {
    const actor = await actorWith(['users:read', 'users:write', 'api-keys:manage']);
    const administrator = await seedMember(db, admin.companyId, { role: 'administrator' });
    const answer = await markApiAccount(db, { ...scope(administrator, actor), generate: true });
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('Change company settings') });
    expect((await row(administrator.id)).isApiAccount).toBe(false);
    // A Member's role is within theirs.
    const member = await seedMember(db, admin.companyId);
    expect((await markApiAccount(db, { ...scope(member, actor), generate: true })).ok).toBe(true);
  });
});

describe('rotateApiPassword', () => {
  it('replaces the hash: the old password stops, the new one works', async () => {
    const { user, password: old } = await apiAccount();
    const rotated = await rotateApiPassword(db, scope(user));
    expect(rotated.ok).toBe(true);
    const fresh = rotated.ok ? rotated.data.password : '';
    expect(fresh).not.toBe(old);
    const after = await row(user.id);
    expect(after.passwordHash).not.toBe(user.passwordHash);
    expect(await verifyPassword(after.passwordHash, old)).toBe(false);
    expect(await verifyPassword(after.passwordHash, fresh)).toBe(true);
    expect(await auditOf(user.id, 'api_account.password_rotated')).toHaveLength(1);
    expect((await mailTo(user.email)).at(-1)?.subject).toBe('Your API Account has a new password');
  });

  it('only for API Accounts of the admin’s company', async () => {
    const member = await seedMember(db, admin.companyId);
    expect(await rotateApiPassword(db, scope(member))).toEqual(fail(NOT_API_ACCOUNT));
    const other = await seedAdmin(db);
    const robot = await seedMember(db, other.companyId, { isApiAccount: true });
    expect(await rotateApiPassword(db, scope(robot))).toEqual(fail(USER_NOT_FOUND));
    expect((await row(robot.id)).passwordHash).toBe(robot.passwordHash);
    expect(await rotateApiPassword(db, scope(admin))).toEqual(fail(SELF_SERVICE_ONLY));
  });
});

describe('setApiAllowList', () => {
  it('stores the ranges normalised, empty as null, and audits from → to', async () => {
    const { user } = await apiAccount();
    const set = await setApiAllowList(db, {
      ...scope(user),
      allowList: '203.0.113.0/24\n 2001:DB8::/32 , 198.51.100.7',
    });
    expect(set).toEqual({
      ok: true,
      data: { ranges: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32'], changed: true },
    });
    expect((await row(user.id)).apiAllowedIps).toEqual(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32']);
    // The same list again changes nothing and writes no event.
    expect(
      await setApiAllowList(db, { ...scope(user), allowList: '203.0.113.0/24 2001:db8::/32 198.51.100.7' }),
    ).toMatchObject({ ok: true, data: { changed: false } });
    expect(await setApiAllowList(db, { ...scope(user), allowList: '  \n ' })).toMatchObject({ ok: true });
    expect((await row(user.id)).apiAllowedIps).toBeNull();
    const events = await auditOf(user.id, 'api_account.allow_list_set');
    expect(events.map((e) => e.detail)).toEqual([
      { from: [], to: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32'] },
      { from: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32'], to: [] },
    ]);
  });

  it('names the bad entries and keeps the list as it was', async () => {
    const { user } = await apiAccount();
    const answer = await setApiAllowList(db, { ...scope(user), allowList: '10.0.0.0/8\n10.0.0.300\nexample.com' });
    expect(answer).toMatchObject({
      ok: false,
      fieldErrors: { allowList: expect.stringContaining('10.0.0.300, example.com') },
    });
    expect((await row(user.id)).apiAllowedIps).toBeNull();
    const member = await seedMember(db, admin.companyId);
    expect(await setApiAllowList(db, { ...scope(member), allowList: '10.0.0.0/8' })).toEqual(fail(NOT_API_ACCOUNT));
  });
});

describe('unmarkApiAccount', () => {
  it('turns it back into a regular user, keeps the password, revokes every key', async () => {
    const { user, password } = await apiAccount();
    await setApiAllowList(db, { ...scope(user), allowList: '10.0.0.0/8' });
    await db.insert(apiKeys).values(
      ['a', 'b'].map((name) => ({
        userId: user.id,
        name,
        prefix: 'lk_x',
        secretHash: randomBytes(32).toString('hex'),
      })),
    );
    expect(await unmarkApiAccount(db, scope(user))).toEqual({ ok: true, data: { keysRevoked: 2 } });
    const after = await row(user.id);
    expect(after).toMatchObject({ isApiAccount: false, apiAllowedIps: null });
    expect(await verifyPassword(after.passwordHash, password)).toBe(true);
    const keys = await db.select().from(apiKeys).where(eq(apiKeys.userId, user.id));
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
    expect((await auditOf(user.id, 'api_account.unmarked'))[0].detail).toEqual({ keysRevoked: 2 });
    expect(await unmarkApiAccount(db, scope(user))).toEqual(fail(NOT_API_ACCOUNT));
  });
});

function fail(error: string) {
  return { ok: false, error };
}
