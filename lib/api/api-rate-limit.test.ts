import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { generateApiKey } from '../api-keys/key-format';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { authenticateApi } from './authenticate-api';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() => {
  delete process.env.LATCHKEY_API_CALLS_PER_MINUTE;
});

const basic = (id: string, password: string) => `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;

describe('calls per minute per API Account', () => {
  it('counts the password and the keys of an account together, then answers 429 with when to come back', async () => {
    process.env.LATCHKEY_API_CALLS_PER_MINUTE = '4';
    const admin = await seedAdmin(db);
    const robot = await seedMember(db, admin.companyId, { isApiAccount: true });
    const { token, prefix, secretHash } = generateApiKey();
    await db.insert(apiKeys).values({ userId: robot.id, name: 'CI', prefix, secretHash });
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const byPassword = (now: Date) =>
      authenticateApi(db, { authorization: basic(robot.email, STRONG_PASSWORD), ip: '10.6.0.1', now });
    const byKey = (now: Date) => authenticateApi(db, { authorization: `Bearer ${token}`, ip: '10.6.0.2', now });

    expect((await byPassword(at(0))).ok).toBe(true);
    expect((await byKey(at(1_000))).ok).toBe(true);
    expect((await byPassword(at(2_000))).ok).toBe(true);
    expect((await byKey(at(3_000))).ok).toBe(true);
    const over = await byKey(at(15_000));
    expect(over).toEqual({
      ok: false,
      status: 429,
      error: 'This API Account made more than 4 calls in a minute. Try again in 45 seconds.',
      retryAfterSeconds: 45,
    });
    expect(await byPassword(at(59_000))).toMatchObject({ status: 429, retryAfterSeconds: 1 });
    // The next minute starts over.
    expect((await byPassword(at(60_000))).ok).toBe(true);
  });

  it('an account’s limit does not touch another account', async () => {
    process.env.LATCHKEY_API_CALLS_PER_MINUTE = '1';
    const admin = await seedAdmin(db);
    const [a, b] = [
      await seedMember(db, admin.companyId, { isApiAccount: true }),
      await seedMember(db, admin.companyId, { isApiAccount: true }),
    ];
    const call = (email: string) =>
      authenticateApi(db, { authorization: basic(email, STRONG_PASSWORD), ip: '10.6.0.3' });
    expect((await call(a.email)).ok).toBe(true);
    expect(await call(a.email)).toMatchObject({ status: 429 });
    expect((await call(b.email)).ok).toBe(true);
  });
});
