import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { authenticateApi, parseBasicAuth } from './authenticate-api';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
const basic = (id: string, password: string) => `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;

describe('HTTP API authentication', () => {
  it('parses Basic credentials, including passwords with colons', () => {
    expect(parseBasicAuth(basic('a@example.com', 'pa:ss'))).toEqual({ identifier: 'a@example.com', password: 'pa:ss' });
    expect(parseBasicAuth('Bearer x')).toBeNull();
    expect(parseBasicAuth(null)).toBeNull();
  });

  it('an API account gets in with its password', async () => {
    const admin = await seedAdmin(db);
    const api = await seedMember(db, admin.companyId, { isApiAccount: true });
    expect(
      await authenticateApi(db, { authorization: basic(api.email, STRONG_PASSWORD), ip: '10.9.0.1' }),
    ).toMatchObject({
      ok: true,
      data: { user: { id: api.id }, role: { name: 'Member', builtIn: 'member' }, via: 'password', keyId: null },
    });
  });

  it('a regular user’s correct password does not open the API, and is not told apart from a wrong one', async () => {
    const admin = await seedAdmin(db);
    const right = await authenticateApi(db, { authorization: basic(admin.email, STRONG_PASSWORD), ip: '10.9.0.2' });
    expect(right).toMatchObject({ ok: false, status: 401 });
    expect(await authenticateApi(db, { authorization: basic(admin.email, 'wrong'), ip: '10.9.0.2' })).toEqual(right);
  });

  it('an integration’s successful calls do not erase an attacker’s failures', async () => {
    const admin = await seedAdmin(db);
    const api = await seedMember(db, admin.companyId, { isApiAccount: true });
    const call = (password: string) =>
      authenticateApi(db, { authorization: basic(api.email, password), ip: '10.9.1.1' });
    for (let i = 0; i < 9; i++) expect((await call(`guess${i}`)).ok).toBe(false);
    expect((await call(STRONG_PASSWORD)).ok).toBe(true);
    expect(await call('guess-again')).toMatchObject({ status: 401 });
    expect(await call(STRONG_PASSWORD)).toMatchObject({ ok: false, status: 429 });
  });

  it('a wrong password and an unknown account look the same, and failures lock the account', async () => {
    const admin = await seedAdmin(db);
    const api = await seedMember(db, admin.companyId, { isApiAccount: true });
    const wrong = await authenticateApi(db, { authorization: basic(api.email, 'nope'), ip: '10.9.0.3' });
    expect(wrong).toEqual(
      await authenticateApi(db, { authorization: basic('ghost@example.com', 'nope'), ip: '10.9.0.3' }),
    );
    for (let i = 0; i < 10; i++)
      await authenticateApi(db, { authorization: basic(api.email, `guess${i}`), ip: '10.9.0.4' });
    expect(
      await authenticateApi(db, { authorization: basic(api.email, STRONG_PASSWORD), ip: '10.9.0.5' }),
    ).toMatchObject({ ok: false, status: 429 });
  });

  it('turning the flag off closes the API at once', async () => {
    const admin = await seedAdmin(db);
    const api = await seedMember(db, admin.companyId, { isApiAccount: true });
    await db.update(users).set({ isApiAccount: false }).where(eq(users.id, api.id));
    expect(
      await authenticateApi(db, { authorization: basic(api.email, STRONG_PASSWORD), ip: '10.9.0.6' }),
    ).toMatchObject({ ok: false, status: 401 });
  });
});

describe('HTTP API input caps', () => {
  it('an over-long identifier or password is refused with a clear message before any work', async () => {
    const { rateLimits } = await import('../db/schema');
    const before = await db.select().from(rateLimits);
    const longId = `${'a'.repeat(400)}@example.com`;
    expect(await authenticateApi(db, { authorization: basic(longId, 'whatever'), ip: '10.9.2.1' })).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/at most 320 characters/),
    });
    expect(
      await authenticateApi(db, { authorization: basic('robot@example.com', 'p'.repeat(5000)), ip: '10.9.2.1' }),
    ).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/at most 1024 characters/) });
    expect(await authenticateApi(db, { authorization: `Basic ${'QUFB'.repeat(5000)}`, ip: '10.9.2.1' })).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/too long/),
    });
    expect(
      await authenticateApi(db, { authorization: `Bearer lk_${'A'.repeat(20_000)}`, ip: '10.9.2.1' }),
    ).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/too long/) });
    // Nothing was looked up or counted: no limit row for this address or these identifiers.
    expect(await db.select().from(rateLimits)).toEqual(before);
  });

  it('a call without credentials is told both ways to send them', async () => {
    for (const authorization of [null, 'Digest abc', 'Basic !!!'])
      expect(await authenticateApi(db, { authorization, ip: '10.9.2.2' })).toMatchObject({
        ok: false,
        status: 401,
        error: expect.stringMatching(/Bearer lk_.*HTTP Basic/),
      });
  });
});
