import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { rateLimits, users, type User } from '../db/schema';
import { changePassword } from '../accounts/change-password';
import { limitKeys } from '../rate-limit/limit-keys';
import { builtInRoleId } from '../roles/built-in-roles';
import { PASSWORD_FAILURES_PER_ACCOUNT } from '../limits';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { authenticateApi } from './authenticate-api';
import { credentialCacheKey, recallCredential, rememberCredential, rememberedCount } from './credential-cache';

let db: Db;
let statements: string[] = [];
beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (query) => statements.push(query) });
});
afterEach(() => {
  delete process.env.LATCHKEY_API_CREDENTIAL_CACHE_SECONDS;
});

const basic = (id: string, password: string) => `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;
const call = (user: Pick<User, 'email'>, options: { password?: string; ip: string; now?: Date }) =>
  authenticateApi(db, {
    authorization: basic(user.email, options.password ?? STRONG_PASSWORD),
    ip: options.ip,
    now: options.now,
  });

async function apiAccount(role: 'administrator' | 'member' | 'auditor' = 'member') {
  const admin = await seedAdmin(db);
  return seedMember(db, admin.companyId, { isApiAccount: true, role });
}

/**
 * Uses up the password attempts of an address, as a burst of sign-ins would: a full password
 * check from there is now refused before any hash, so a call that still answers did not run one.
 */
async function exhaustAddress(ip: string) {
  const claim = limitKeys.passwordIp(ip);
  await db
    .insert(rateLimits)
    .values({ key: claim.key, count: claim.limit, windowEndsAt: new Date(Date.now() + claim.windowMs) })
    .onConflictDoUpdate({ target: rateLimits.key, set: { count: claim.limit } });
  return async () => (await db.select().from(rateLimits).where(eq(rateLimits.key, claim.key)))[0].count;
}

describe('Basic credentials remembered by the process', () => {
  it('a remembered call runs no password check: it answers where a fresh check is refused, and counts nothing', async () => {
    const robot = await apiAccount();
    const ip = '10.7.0.1';
    expect(await call(robot, { ip })).toMatchObject({ ok: true, data: { user: { id: robot.id }, via: 'password' } });
    const attemptsFrom = await exhaustAddress(ip);

    statements = [];
    expect(await call(robot, { ip })).toMatchObject({ ok: true, data: { user: { id: robot.id } } });
    // One read of the account (hash, flags, role, lockout) and the call count: no attempt counted.
    expect(statements).toHaveLength(2);
    expect(await attemptsFrom()).toBe(limitKeys.passwordIp(ip).limit);
    // The same address with credentials it has not used yet goes through the full check: refused.
    expect(await call(await apiAccount(), { ip })).toMatchObject({ ok: false, status: 429 });
    // So are wrong passwords of the remembered account: they are never remembered.
    expect(await call(robot, { ip, password: 'a wrong guess' })).toMatchObject({ ok: false, status: 429 });
  });

  it('is forgotten after its time, and is off when LATCHKEY_API_CREDENTIAL_CACHE_SECONDS is 0', async () => {
    const robot = await apiAccount();
    const ip = '10.7.0.2';
    const t0 = new Date();
    expect((await call(robot, { ip, now: t0 })).ok).toBe(true);
    await exhaustAddress(ip);
    expect((await call(robot, { ip, now: new Date(t0.getTime() + 59_000) })).ok).toBe(true);
    expect(await call(robot, { ip, now: new Date(t0.getTime() + 61_000) })).toMatchObject({ ok: false, status: 429 });

    process.env.LATCHKEY_API_CREDENTIAL_CACHE_SECONDS = '0';
    const other = await apiAccount();
    const ip2 = '10.7.0.3';
    expect((await call(other, { ip: ip2 })).ok).toBe(true);
    await exhaustAddress(ip2);
    expect(await call(other, { ip: ip2 })).toMatchObject({ ok: false, status: 429 });
  });

  it('a password change (changePassword) refuses the old password on the very next call', async () => {
    const robot = await apiAccount();
    const ip = '10.7.0.4';
    expect((await call(robot, { ip })).ok).toBe(true);
    const changed = await changePassword(db, {
      user: robot,
      sessionId: randomUUID(),
      currentPassword: STRONG_PASSWORD,
      newPassword: 'violet harbour compass 1987 kettle',
    });
    expect(changed).toMatchObject({ ok: true });
    expect(await call(robot, { ip })).toMatchObject({ ok: false, status: 401 });
    expect((await call(robot, { ip, password: 'violet harbour compass 1987 kettle' })).ok).toBe(true);
  });

  it('a password rotated to the same words (a new hash) also ends the remembered call', async () => {
    const robot = await apiAccount();
    const ip = '10.7.0.5';
    expect((await call(robot, { ip })).ok).toBe(true);
    const attemptsFrom = await exhaustAddress(ip);
    const { hashPassword } = await import('../crypto/password');
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(STRONG_PASSWORD) })
      .where(eq(users.id, robot.id));
    // The hash it was verified against is gone: the call takes the full check (refused here, counted).
    expect(await call(robot, { ip })).toMatchObject({ ok: false, status: 429 });
    expect(await attemptsFrom()).toBe(limitKeys.passwordIp(ip).limit + 1);
  });

  it('a deactivated account, or one no longer an API Account, is refused at once', async () => {
    const a = await apiAccount();
    expect((await call(a, { ip: '10.7.0.6' })).ok).toBe(true);
    await db.update(users).set({ disabled: true }).where(eq(users.id, a.id));
    expect(await call(a, { ip: '10.7.0.6' })).toMatchObject({ ok: false, status: 401 });

    const b = await apiAccount();
    expect((await call(b, { ip: '10.7.0.6' })).ok).toBe(true);
    await db.update(users).set({ isApiAccount: false }).where(eq(users.id, b.id));
    expect(await call(b, { ip: '10.7.0.6' })).toMatchObject({ ok: false, status: 401 });
  });

  it('a role change shows on the next remembered call', async () => {
    const robot = await apiAccount('auditor');
    const ip = '10.7.0.7';
    const before = await call(robot, { ip });
    expect(before.ok && before.data.role.permissions).toContain('users:read');
    await db
      .update(users)
      .set({ roleId: await builtInRoleId(db, robot.companyId, 'member') })
      .where(eq(users.id, robot.id));
    await exhaustAddress(ip); // proves the next answer is the remembered path's
    const after = await call(robot, { ip });
    expect(after).toMatchObject({ ok: true, data: { role: { builtIn: 'member' } } });
    expect(after.ok && after.data.role.permissions).not.toContain('users:read');
  });

  it('an account locked by wrong passwords is locked for remembered calls too', async () => {
    const robot = await apiAccount();
    expect((await call(robot, { ip: '10.7.0.8' })).ok).toBe(true);
    for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT; i++)
      expect(await call(robot, { ip: '10.7.1.8', password: `guess ${i}` })).toMatchObject({ status: 401 });
    expect(await call(robot, { ip: '10.7.0.8' })).toMatchObject({
      ok: false,
      status: 429,
      retryAfterSeconds: expect.any(Number),
    });
  });

  it('the identifier must still be the account’s: an email changed away no longer works', async () => {
    const robot = await apiAccount();
    const ip = '10.7.0.9';
    expect((await call(robot, { ip })).ok).toBe(true);
    // Case and spaces do not matter, as at sign-in.
    expect((await call({ email: ` ${robot.email.toUpperCase()}` }, { ip })).ok).toBe(true);
    await db.execute(sql`update users set email = 'moved-' || email where id = ${robot.id}`);
    expect(await call(robot, { ip })).toMatchObject({ ok: false, status: 401 });
  });

  it('keeps at most its bound of credentials, forgetting the oldest', async () => {
    const { API_CREDENTIAL_CACHE_MAX_ENTRIES } = await import('../limits');
    const now = Date.now();
    const first = credentialCacheKey('first@example.com', 'p');
    rememberCredential(first, { userId: 'u', passwordHash: 'h' }, now);
    for (let i = 0; i < API_CREDENTIAL_CACHE_MAX_ENTRIES; i++)
      rememberCredential(`filler-${i}`, { userId: 'u', passwordHash: 'h' }, now);
    expect(rememberedCount()).toBe(API_CREDENTIAL_CACHE_MAX_ENTRIES);
    expect(recallCredential(first, now)).toBeNull();
    expect(recallCredential(`filler-${API_CREDENTIAL_CACHE_MAX_ENTRIES - 1}`, now)).not.toBeNull();
  });
});
