import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { apiKeys, auditEvents, type User } from '../db/schema';
import { NOT_API_ACCOUNT } from '../api-accounts/managed-user';
import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from '../admin/messages';
import { API_KEY_MAX_LIFETIME_DAYS, API_KEY_NAME_MAX_LENGTH, API_KEYS_PER_ACCOUNT_MAX, DAY_MS } from '../limits';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import {
  createApiKey,
  EXPIRY_PAST,
  EXPIRY_TOO_FAR,
  NAME_REQUIRED,
  NAME_TAKEN,
  NAME_TOO_LONG,
  TOO_MANY_KEYS,
} from './create-api-key';
import { hashApiKey, looksLikeApiKey } from './key-format';
import { listApiKeys } from './list-api-keys';
import { API_KEY_NOT_FOUND, revokeApiKey } from './revoke-api-key';

let db: Db;
let admin: User;
beforeAll(async () => {
  db = await createTestDatabase();
  admin = await seedAdmin(db);
});

const robot = () => seedMember(db, admin.companyId, { isApiAccount: true });
const create = (target: { id: string }, more: { name?: string; expiresAt?: Date | null; now?: Date } = {}) =>
  createApiKey(db, {
    companyId: admin.companyId,
    actorUserId: admin.id,
    targetUserId: target.id,
    name: more.name ?? 'Nightly export',
    expiresAt: more.expiresAt ?? null,
    ip: '203.0.113.7',
    now: more.now,
  });
const revoke = (keyId: string, actor: User = admin) =>
  revokeApiKey(db, { companyId: actor.companyId, actorUserId: actor.id, keyId, ip: '203.0.113.7' });
const auditOf = (type: string, userId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.type, type), eq(auditEvents.targetUserId, userId)));
const onField = (field: string, error: string) => ({ ok: false, error, fieldErrors: { [field]: error } });

describe('createApiKey', () => {
  it('returns an lk_ token once; only its SHA-256 and shown prefix are stored, and never audited', async () => {
    const account = await robot();
    const created = await create(account);
    if (!created.ok) throw new Error(created.error);
    const { token, key } = created.data;
    expect(looksLikeApiKey(token)).toBe(true);
    expect(key).toMatchObject({ userId: account.id, name: 'Nightly export', createdBy: admin.id, revokedAt: null });
    expect(key.secretHash).toBe(hashApiKey(token));
    expect(key.prefix).toBe(token.slice(0, 11));
    const stored = await db.execute(sql`select row_to_json(k)::text as row from api_keys k where id = ${key.id}`);
    expect(JSON.stringify(stored)).not.toContain(token.slice(11));
    const [audit] = await auditOf('api_key.created', account.id);
    expect(audit.detail).toEqual({ keyId: key.id, name: 'Nightly export', prefix: key.prefix, expiresAt: null });
    expect(JSON.stringify(audit)).not.toContain(token.slice(11));
  });

  it('needs a name, capped, unique among the account’s unrevoked keys', async () => {
    const account = await robot();
    expect(await create(account, { name: '   ' })).toEqual(onField('name', NAME_REQUIRED));
    expect(await create(account, { name: 'x'.repeat(API_KEY_NAME_MAX_LENGTH + 1) })).toEqual(
      onField('name', NAME_TOO_LONG),
    );
    const first = await create(account, { name: 'CI' });
    expect(await create(account, { name: ' ci ' })).toEqual(onField('name', NAME_TAKEN));
    // Another account may use the same name; a revoked key frees it.
    expect((await create(await robot(), { name: 'CI' })).ok).toBe(true);
    await revoke(first.ok ? first.data.key.id : '');
    expect((await create(account, { name: 'CI' })).ok).toBe(true);
  });

  it('takes an expiry in the future, at most a year away', async () => {
    const account = await robot();
    const now = new Date();
    expect(await create(account, { expiresAt: new Date(now.getTime() - 1000), now })).toEqual(
      onField('expiresAt', EXPIRY_PAST),
    );
    expect(await create(account, { expiresAt: now, now })).toEqual(onField('expiresAt', EXPIRY_PAST));
    const tooFar = new Date(now.getTime() + API_KEY_MAX_LIFETIME_DAYS * DAY_MS + 1000);
    expect(await create(account, { expiresAt: tooFar, now })).toEqual(onField('expiresAt', EXPIRY_TOO_FAR));
    const latest = new Date(now.getTime() + API_KEY_MAX_LIFETIME_DAYS * DAY_MS);
    const created = await create(account, { name: 'Yearly', expiresAt: latest, now });
    expect(created.ok && created.data.key.expiresAt).toEqual(latest);
  });

  it(`holds at most ${API_KEYS_PER_ACCOUNT_MAX} active keys (expired and revoked ones do not count)`, async () => {
    const account = await robot();
    const made = [];
    for (let i = 0; i < API_KEYS_PER_ACCOUNT_MAX; i++) made.push(await create(account, { name: `Key ${i}` }));
    expect(made.every((r) => r.ok)).toBe(true);
    expect(await create(account, { name: 'One too many' })).toEqual({ ok: false, error: TOO_MANY_KEYS });
    const [a, b] = made.map((r) => (r.ok ? r.data.key.id : ''));
    await db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, a));
    expect((await create(account, { name: 'After one expired' })).ok).toBe(true);
    await revoke(b);
    expect((await create(account, { name: 'After one revoked' })).ok).toBe(true);
    expect(await create(account, { name: 'Full again' })).toEqual({ ok: false, error: TOO_MANY_KEYS });
  });

  it('two creations at once cannot both take the last place or the same name', async () => {
    const account = await robot();
    for (let i = 0; i < API_KEYS_PER_ACCOUNT_MAX - 1; i++) await create(account, { name: `Key ${i}` });
    const both = await Promise.all([create(account, { name: 'Last A' }), create(account, { name: 'Last B' })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const other = await robot();
    const same = await Promise.all([create(other, { name: 'Twin' }), create(other, { name: 'Twin' })]);
    expect(same.filter((r) => r.ok)).toHaveLength(1);
  });

  it('only for API Accounts of the admin’s own company, never the admin', async () => {
    const member = await seedMember(db, admin.companyId);
    expect(await create(member)).toEqual({ ok: false, error: NOT_API_ACCOUNT });
    const other = await seedAdmin(db);
    const theirs = await seedMember(db, other.companyId, { isApiAccount: true });
    expect(await create(theirs)).toEqual({ ok: false, error: USER_NOT_FOUND });
    expect(await create(admin)).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
    expect(await db.select().from(apiKeys).where(eq(apiKeys.userId, theirs.id))).toEqual([]);
    const auditor = await seedMember(db, admin.companyId, { role: 'auditor' });
    const byAuditor = await createApiKey(db, {
      companyId: admin.companyId,
      actorUserId: auditor.id,
      targetUserId: (await robot()).id,
      name: 'x',
      expiresAt: null,
    });
    expect(byAuditor).toMatchObject({ ok: false, error: expect.stringMatching(/^Your role does not allow this/) });
  });
});

describe('revokeApiKey', () => {
  it('sets revoked_at once; again is a quiet success; one audit row', async () => {
    const account = await robot();
    const created = await create(account);
    const keyId = created.ok ? created.data.key.id : '';
    expect(await revoke(keyId)).toEqual({ ok: true, data: { alreadyRevoked: false, userId: account.id } });
    const [{ revokedAt }] = await db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(revokedAt).toBeInstanceOf(Date);
    expect(await revoke(keyId)).toEqual({ ok: true, data: { alreadyRevoked: true, userId: account.id } });
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, keyId)))[0].revokedAt).toEqual(revokedAt);
    const events = await auditOf('api_key.revoked', account.id);
    expect(events.map((e) => e.detail)).toEqual([{ keyId, name: 'Nightly export', prefix: expect.any(String) }]);
  });

  it('two revocations at once: both succeed, one writes', async () => {
    const account = await robot();
    const created = await create(account);
    const keyId = created.ok ? created.data.key.id : '';
    const both = await Promise.all([revoke(keyId), revoke(keyId)]);
    expect(both.map((r) => r.ok && r.data.alreadyRevoked).sort()).toEqual([false, true]);
    expect(await auditOf('api_key.revoked', account.id)).toHaveLength(1);
  });

  it('another company’s key reads as no key, and stays alive', async () => {
    const other = await seedAdmin(db);
    const theirs = await seedMember(db, other.companyId, { isApiAccount: true });
    const created = await createApiKey(db, {
      companyId: other.companyId,
      actorUserId: other.id,
      targetUserId: theirs.id,
      name: 'Theirs',
      expiresAt: null,
    });
    const keyId = created.ok ? created.data.key.id : '';
    for (const id of [keyId, 'nope', '00000000-0000-4000-8000-000000000000'])
      expect(await revoke(id)).toEqual({ ok: false, error: API_KEY_NOT_FOUND });
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, keyId)))[0].revokedAt).toBeNull();
    // A Member of that company cannot revoke it either.
    const member = await seedMember(db, other.companyId);
    expect(await revoke(keyId, member)).toMatchObject({ ok: false });
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, keyId)))[0].revokedAt).toBeNull();
  });
});

describe('listApiKeys', () => {
  it('lists an account’s keys with their status, never a hash; nothing for another company', async () => {
    const account = await robot();
    const ids = [];
    for (const name of ['Active', 'Expired', 'Revoked']) {
      const created = await create(account, { name });
      ids.push(created.ok ? created.data.key.id : '');
    }
    await db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000), lastUsedAt: new Date(), lastUsedIp: '::ffff:127.0.0.1' })
      .where(eq(apiKeys.id, ids[1]));
    await revoke(ids[2]);
    const listed = await listApiKeys(db, { companyId: admin.companyId, userId: account.id });
    expect(Object.fromEntries(listed.map((k) => [k.name, k.status]))).toEqual({
      Active: 'active',
      Expired: 'expired',
      Revoked: 'revoked',
    });
    expect(listed.find((k) => k.name === 'Expired')).toMatchObject({ lastUsedIp: '::ffff:127.0.0.1' });
    expect(listed.every((k) => k.createdBy === admin.name)).toBe(true);
    expect(JSON.stringify(listed)).not.toMatch(/secretHash|[0-9a-f]{64}/);
    const other = await seedAdmin(db);
    expect(await listApiKeys(db, { companyId: other.companyId, userId: account.id })).toEqual([]);
  });
});
