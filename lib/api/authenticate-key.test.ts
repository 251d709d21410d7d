import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { apiKeys, users } from '../db/schema';
import { generateApiKey } from '../api-keys/key-format';
import { builtInRoleId } from '../roles/built-in-roles';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { authenticateApi } from './authenticate-api';
import { WRONG_KEY_MESSAGE } from './authenticate-key';

let db: Db;
let statements: string[] = [];
beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (query) => statements.push(query) });
});

/** An API Account with one key, inserted as the admin's key creation will. */
async function accountWithKey(options: { expiresAt?: Date; role?: 'administrator' | 'member' | 'auditor' } = {}) {
  const admin = await seedAdmin(db);
  const user = await seedMember(db, admin.companyId, { isApiAccount: true, role: options.role });
  const { token, prefix, secretHash } = generateApiKey();
  const [key] = await db
    .insert(apiKeys)
    .values({ userId: user.id, name: 'CI', prefix, secretHash, createdBy: admin.id, expiresAt: options.expiresAt })
    .returning();
  return { admin, user, key, token };
}

const bearer = (token: string) => `Bearer ${token}`;
const call = (token: string, options: { now?: Date; ip?: string } = {}) =>
  authenticateApi(db, { authorization: bearer(token), ip: options.ip ?? '10.8.0.1', now: options.now });
const refused = { ok: false, status: 401, error: WRONG_KEY_MESSAGE };

describe('API keys', () => {
  it('a live key of an API Account gets in as that account, naming the key', async () => {
    const { user, key, token } = await accountWithKey();
    expect(await call(token)).toMatchObject({
      ok: true,
      data: { user: { id: user.id }, role: { builtIn: 'member' }, via: 'key', keyId: key.id },
    });
    // The scheme's case does not matter (RFC 9110).
    expect(await authenticateApi(db, { authorization: `bearer ${token}`, ip: '10.8.0.1' })).toMatchObject({ ok: true });
  });

  it('an unknown, malformed, revoked or expired key gets the same answer, and no database work for a malformed one', async () => {
    const { token, key } = await accountWithKey({ expiresAt: new Date(Date.now() + 60_000) });
    expect(await call(generateApiKey().token)).toEqual(refused);
    statements = [];
    expect(await call(`${token}x`)).toEqual(refused);
    expect(await call('lk_short')).toEqual(refused);
    expect(await call('sk_live_somebody_elses_key')).toEqual(refused);
    expect(statements).toEqual([]);

    expect((await call(token)).ok).toBe(true);
    // Expired: at its expiry time exactly, and after.
    expect(await call(token, { now: key.expiresAt! })).toEqual(refused);
    expect(await call(token, { now: new Date(key.expiresAt!.getTime() + 1) })).toEqual(refused);
    // Revoked: the very next call is refused.
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id));
    expect(await call(token)).toEqual(refused);
  });

  it('a key stops working at once when its owner is disabled or is no longer an API Account', async () => {
    const a = await accountWithKey();
    expect((await call(a.token)).ok).toBe(true);
    await db.update(users).set({ disabled: true }).where(eq(users.id, a.user.id));
    expect(await call(a.token)).toEqual(refused);

    const b = await accountWithKey();
    expect((await call(b.token)).ok).toBe(true);
    await db.update(users).set({ isApiAccount: false }).where(eq(users.id, b.user.id));
    expect(await call(b.token)).toEqual(refused);
  });

  it('the role is read on every call: a role change shows on the next one', async () => {
    const { user, token } = await accountWithKey({ role: 'member' });
    const before = await call(token);
    expect(before).toMatchObject({ ok: true, data: { role: { builtIn: 'member' } } });
    await db
      .update(users)
      .set({ roleId: await builtInRoleId(db, user.companyId, 'auditor') })
      .where(eq(users.id, user.id));
    const after = await call(token);
    expect(after).toMatchObject({ ok: true, data: { role: { builtIn: 'auditor' } } });
    expect(after.ok && after.data.role.permissions).toContain('audit:read');
    expect(before.ok && before.data.role.permissions).not.toContain('audit:read');
  });

  it('records the last use at most once a minute, with the address', async () => {
    const { key, token } = await accountWithKey();
    const lastUse = async () =>
      (await db.select().from(apiKeys).where(eq(apiKeys.id, key.id))).map((k) => [k.lastUsedAt, k.lastUsedIp])[0];
    const t0 = new Date(Date.now() - 10 * 60_000);
    expect(await lastUse()).toEqual([null, null]);
    await call(token, { now: t0, ip: '10.8.1.1' });
    expect(await lastUse()).toEqual([t0, '10.8.1.1']);
    // Within the minute: one query and the call count, no write to the key.
    statements = [];
    await call(token, { now: new Date(t0.getTime() + 30_000), ip: '10.8.1.2' });
    expect(statements).toHaveLength(2);
    expect(await lastUse()).toEqual([t0, '10.8.1.1']);
    const t1 = new Date(t0.getTime() + 61_000);
    await call(token, { now: t1, ip: '10.8.1.3' });
    expect(await lastUse()).toEqual([t1, '10.8.1.3']);
  });
});
