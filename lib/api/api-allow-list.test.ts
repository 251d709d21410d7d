import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { apiKeys, auditEvents, rateLimits, users } from '../db/schema';
import { generateApiKey } from '../api-keys/key-format';
import { parseAllowList } from '../net/cidr';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { authenticateApi } from './authenticate-api';
import { apiLimitKeys } from './api-rate-limit';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const basic = (id: string, password: string) => `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;

/** An API Account limited to `allowList` (as the admin form saves it: normalised), with a key. */
async function limitedAccount(allowList: string) {
  const admin = await seedAdmin(db);
  const robot = await seedMember(db, admin.companyId, { isApiAccount: true });
  const ranges = parseAllowList(allowList);
  if (!ranges.ok) throw new Error(ranges.error);
  await db.update(users).set({ apiAllowedIps: ranges.data }).where(eq(users.id, robot.id));
  const { token, prefix, secretHash } = generateApiKey();
  const [key] = await db.insert(apiKeys).values({ userId: robot.id, name: 'CI', prefix, secretHash }).returning();
  const refusals = () =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, robot.id), eq(auditEvents.type, 'api.refused_address')));
  return { robot, token, key, refusals };
}

describe('the IP allow-list of an API Account', () => {
  it('lets calls in from its ranges, IPv4-mapped addresses included, with the password or a key', async () => {
    const { robot, token } = await limitedAccount('203.0.113.0/24, 2001:db8::/32');
    for (const ip of ['203.0.113.7', '::ffff:203.0.113.7', '2001:db8::5']) {
      expect(await authenticateApi(db, { authorization: basic(robot.email, STRONG_PASSWORD), ip })).toMatchObject({
        ok: true,
      });
      expect(await authenticateApi(db, { authorization: `Bearer ${token}`, ip })).toMatchObject({ ok: true });
    }
  });

  it('refuses a call from elsewhere with 403 only once the credentials are right, and audits it once a minute', async () => {
    const { robot, token, key, refusals } = await limitedAccount('203.0.113.0/24');
    const t0 = new Date();
    const from = (ip: string, authorization: string, now = t0) => authenticateApi(db, { authorization, ip, now });

    // Wrong credentials from outside: the same 401 as anywhere, so the allow-list reveals nothing.
    expect(await from('198.51.100.1', basic(robot.email, 'a guess'))).toMatchObject({ status: 401 });
    expect(await from('::ffff:198.51.100.1', basic(robot.email, STRONG_PASSWORD))).toEqual({
      ok: false,
      status: 403,
      error:
        'This API Account may not call from 198.51.100.1: the address is not in its IP allow-list. Ask an admin to add it.',
    });
    for (let i = 0; i < 5; i++) {
      expect(await from('198.51.100.2', `Bearer ${token}`)).toMatchObject({ ok: false, status: 403 });
      expect(await from('198.51.100.3', basic(robot.email, STRONG_PASSWORD))).toMatchObject({ status: 403 });
    }
    // Eleven refused calls, one row.
    const [first, ...others] = await refusals();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ companyId: robot.companyId, targetUserId: robot.id, ip: '::ffff:198.51.100.1' });
    expect(first.detail).toMatchObject({ address: '198.51.100.1', via: 'password' });

    // A minute later, the next refused call is written again (here with the key that made it).
    expect(await from('198.51.100.2', `Bearer ${token}`, new Date(t0.getTime() + 61_000))).toMatchObject({
      status: 403,
    });
    const rows = await refusals();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.detail)).toContainEqual(expect.objectContaining({ via: 'key', keyId: key.id }));

    // Refused calls do not use up the account's calls, and a key used from outside is not "used".
    expect(
      await db
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, apiLimitKeys.calls(robot.id).key)),
    ).toEqual([]);
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, key.id)))[0].lastUsedAt).toBeNull();
  });

  it('an empty list lets any address in; an unknown address never passes a list', async () => {
    const open = await limitedAccount('');
    expect(
      await authenticateApi(db, { authorization: basic(open.robot.email, STRONG_PASSWORD), ip: '198.51.100.9' }),
    ).toMatchObject({ ok: true });
    const closed = await limitedAccount('0.0.0.0/0');
    expect(await authenticateApi(db, { authorization: `Bearer ${closed.token}`, ip: 'unknown' })).toMatchObject({
      status: 403,
    });
  });
});
