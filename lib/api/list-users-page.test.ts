import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { companies, roles, totpCredentials, users, type User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { builtInRoleId } from '../roles/built-in-roles';
import { findApiUser } from './list-api-users';
import { listUsersPage } from './list-users-page';

const inTenDays = () => new Date(Date.now() + 10 * 86_400_000);
import { listUsersQuery, type ApiUser } from './schemas';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const query = (raw: Record<string, string> = {}) => listUsersQuery.parse(raw);

async function page(admin: User, raw: Record<string, string> = {}) {
  const result = await listUsersPage(db, { companyId: admin.companyId, viewerId: admin.id, query: query(raw) });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

/** Every user of the company matching `raw`, following nextCursor to the end. */
async function everyPage(admin: User, raw: Record<string, string> = {}): Promise<ApiUser[]> {
  const seen: ApiUser[] = [];
  let cursor: string | null = null;
  do {
    const next = await page(admin, { ...raw, ...(cursor ? { cursor } : {}) });
    seen.push(...next.users);
    cursor = next.nextCursor;
  } while (cursor);
  return seen;
}

/** A user of the admin's company, inserted directly (no password hashing: nobody signs in here). */
async function addUser(admin: User, values: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await db
    .insert(users)
    .values({
      companyId: admin.companyId,
      roleId: await builtInRoleId(db, admin.companyId, 'member'),
      name: 'Someone',
      email: `someone-${randomBytes(6).toString('hex')}@example.com`,
      passwordHash: 'not-checked-here',
      ...values,
    })
    .returning();
  return row;
}

describe('GET /api/v1/users, one page at a time', () => {
  it('the method filter names the same first method as the policy sign-in uses, in every situation', async () => {
    const situations = {
      preferred: [null, 'otp', 'totp', 'duo'] as const,
      totp: ['none', 'pending', 'on'] as const,
      api: [false, true],
    };
    const found = new Set<string>();
    // With the switch on: at once, with strong methods only, and from a date still ahead.
    const variants = { now: {}, strong: { strongMethodsOnly: true }, pending: { twoFactorEnforcedFrom: inTenDays() } };
    for (const twoFactorRequired of [false, true])
      for (const allowTotp of [false, true])
        for (const allowDuo of [false, true])
          for (const variant of twoFactorRequired ? (['now', 'strong', 'pending'] as const) : (['now'] as const)) {
            const admin = await seedAdmin(db);
            await db
              .update(companies)
              .set({ twoFactorRequired, allowTotp, allowDuo, ...variants[variant] })
              .where(eq(companies.id, admin.companyId));
            for (const preferredMethod of situations.preferred)
              for (const totp of situations.totp)
                for (const isApiAccount of situations.api) {
                  const user = await addUser(admin, { preferredMethod, isApiAccount });
                  if (totp !== 'none')
                    await db.insert(totpCredentials).values({
                      userId: user.id,
                      secretEncrypted: 'not-a-real-secret',
                      startedBy: user.id,
                      confirmedAt: totp === 'on' ? new Date() : null,
                    });
                }
            const all = await everyPage(admin);
            for (const method of ['totp', 'otp', 'duo', 'none'] as const) {
              const filtered = await everyPage(admin, { method });
              const expected = all.filter((u) => u.twoFactor === method).map((u) => u.id);
              if (expected.length > 0) found.add(method);
              expect(
                filtered.map((u) => u.id),
                `${method} (${twoFactorRequired}/${allowTotp}/${allowDuo}/${variant})`,
              ).toEqual(expected);
            }
          }
    // Every method came up somewhere, so each filter was compared on real rows.
    expect([...found].sort()).toEqual(['duo', 'none', 'otp', 'totp']);
  }, 120_000);

  it('pages stay stable while users are added: none seen twice, none of the first ones missed', async () => {
    const admin = await seedAdmin(db);
    const names = ['Bea', 'carl', 'Dana', 'dana', 'Émile', 'Fay', 'gus', 'Hal', 'Ida'];
    for (const name of names) await addUser(admin, { name });
    const before = (await everyPage(admin)).map((u) => u.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const next = await page(admin, { limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...next.users.map((u) => u.id));
      cursor = next.nextCursor;
      // Between pages, someone adds users sorting before, among and after the ones already sent.
      for (const name of ['Aaron', `Dana ${round}`, 'Zed']) await addUser(admin, { name });
      round++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(before.filter((id) => !seen.includes(id))).toEqual([]);
  });

  it('filters by text, role (id or name) and status', async () => {
    const admin = await seedAdmin(db);
    const auditor = await seedMember(db, admin.companyId, { role: 'auditor', email: 'watcher-x7@example.com' });
    const invited = await addUser(admin, { name: 'New Person', passwordHash: null });
    const gone = await addUser(admin, { name: 'Gone Person', disabled: true });
    const [auditorRole] = await db.select().from(roles).where(eq(roles.id, auditor.roleId));
    const ids = async (raw: Record<string, string>) => (await everyPage(admin, raw)).map((u) => u.id).sort();
    expect(await ids({ q: 'WATCHER-x7' })).toEqual([auditor.id]);
    expect(await ids({ q: '%' })).toEqual([]);
    expect(await ids({ role: auditorRole.id })).toEqual([auditor.id]);
    expect(await ids({ role: 'AUDITOR' })).toEqual([auditor.id]);
    expect(await ids({ status: 'invited' })).toEqual([invited.id]);
    expect(await ids({ status: 'deactivated' })).toEqual([gone.id]);
    expect(await ids({ status: 'active' })).toEqual([admin.id, auditor.id].sort());
    const one = await page(admin, { q: 'Gone' });
    expect(one.users[0]).toMatchObject({ status: 'deactivated', role: { name: 'Member' } });
    // Nothing secret is in a listed user.
    expect(Object.keys(one.users[0]).sort()).toEqual(
      [
        'createdAt',
        'email',
        'id',
        'isApiAccount',
        'lastSignInAt',
        'mobile',
        'name',
        'role',
        'status',
        'twoFactor',
        'twoFactorMethods',
        'username',
      ].sort(),
    );
  });

  it('a cursor it did not issue is a field error, not a failure', async () => {
    const admin = await seedAdmin(db);
    for (const cursor of ['nope!', Buffer.from('[1,2]').toString('base64url'), 'W10']) {
      const result = await listUsersPage(db, {
        companyId: admin.companyId,
        viewerId: admin.id,
        query: query({ cursor }),
      });
      expect(result).toMatchObject({ ok: false, fieldErrors: { cursor: expect.stringMatching(/not issued/) } });
    }
  });

  it('another company’s user, or a malformed id, is no user at all', async () => {
    const a = await seedAdmin(db);
    const b = await seedAdmin(db);
    expect(await findApiUser(db, { companyId: a.companyId, viewerId: a.id, userId: b.id })).toBeNull();
    expect(await findApiUser(db, { companyId: a.companyId, viewerId: a.id, userId: 'not-an-id' })).toBeNull();
    expect(await findApiUser(db, { companyId: b.companyId, viewerId: b.id, userId: b.id })).toMatchObject({
      id: b.id,
    });
    expect((await everyPage(a)).map((u) => u.id)).toEqual([a.id]);
  });
});
