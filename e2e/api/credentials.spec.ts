import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { changePassword } from '../../lib/accounts/change-password';
import { createApiKey } from '../../lib/api-keys/create-api-key';
import { revokeApiKey } from '../../lib/api-keys/revoke-api-key';
import { setUserDisabled } from '../../lib/admin/set-user-disabled';
import { rotateApiPassword } from '../../lib/api-accounts/rotate-api-password';
import { setApiAllowList } from '../../lib/api-accounts/set-api-allow-list';
import { apiKeys, auditEvents, type User } from '../../lib/db/schema';
import { freePort } from '../../lib/db/embedded';
import { startApp, type AppProcess } from '../app-process';
import { APP_URL, appServerEnv } from '../config';
import { e2eDatabaseUrl, e2eDb, e2eSecrets } from '../db';
import { PASSWORD } from '../helpers';
import { seedColleague, seedVictim } from '../security/attacker';

/**
 * An API Account's credentials against two app instances on one PostgreSQL, as behind a load
 * balancer: A is the e2e server, B a second `npm start`. Each instance remembers Basic credentials
 * it verified (so calls skip the password hash), yet a change made anywhere counts on the very next
 * call to B: B checks what it remembered against the database on every call.
 */
test.describe.configure({ mode: 'default' }); // one B for the file
let b: AppProcess;
/** B's calls per minute per API Account, low enough to reach in a test. */
const B_CALLS_PER_MINUTE = 6;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const { AUTH_SECRET, APP_ENCRYPTION_KEY } = e2eSecrets();
  b = await startApp(port, {
    ...appServerEnv(`http://127.0.0.1:${port}`),
    NODE_ENV: 'production',
    DATABASE_URL: e2eDatabaseUrl(),
    AUTH_SECRET,
    APP_ENCRYPTION_KEY,
    LATCHKEY_API_CALLS_PER_MINUTE: String(B_CALLS_PER_MINUTE),
  });
});
test.afterAll(async () => b?.stop());

const basic = (email: string, password = PASSWORD) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const me = (origin: string, authorization: string) =>
  fetch(`${origin}/api/v1/me`, { headers: { authorization } }).then(async (r) => ({
    status: r.status,
    retryAfter: r.headers.get('retry-after'),
    body: (await r.json()) as { email?: string; error?: { code: string; message: string } },
  }));

/** An API Account and the Administrator of its company, who manages it through the admin lib functions. */
const admins = new Map<string, string>();
async function apiAccount(): Promise<User> {
  const { company, user: admin } = await seedVictim();
  const robot = (await seedColleague({ companyId: company.id }, { isApiAccount: true })).user;
  admins.set(robot.id, admin.id);
  return robot;
}
const managing = (user: User) => ({
  companyId: user.companyId,
  actorUserId: admins.get(user.id)!,
  targetUserId: user.id,
});

/** A key of `user`, created as the admin screen creates one. */
async function addKey(user: User): Promise<{ id: string; token: string }> {
  const created = await createApiKey(e2eDb(), { ...managing(user), name: 'Deploy bot', expiresAt: null });
  if (!created.ok) throw new Error(created.error);
  return { id: created.data.key.id, token: created.data.token };
}

test('a changed password is refused on the next call to the other instance, which had it remembered', async () => {
  const robot = await apiAccount();
  for (let call = 0; call < 2; call++) expect((await me(b.url, basic(robot.email))).status).toBe(200);
  expect((await me(APP_URL, basic(robot.email))).status).toBe(200);

  const NEW_PASSWORD = 'violet harbour compass 1987 kettle';
  const changed = await changePassword(e2eDb(), {
    user: robot,
    sessionId: randomUUID(),
    currentPassword: PASSWORD,
    newPassword: NEW_PASSWORD,
  });
  expect(changed.ok).toBe(true);

  const old = await me(b.url, basic(robot.email));
  expect(old.status).toBe(401);
  expect(old.body.error?.message).toBe('Wrong email or password, or not an API Account.');
  expect((await me(APP_URL, basic(robot.email))).status).toBe(401);
  expect(await me(b.url, basic(robot.email, NEW_PASSWORD))).toMatchObject({
    status: 200,
    body: { email: robot.email },
  });
});

test('a rotated password is refused on the next call to the other instance; the new one works there at once', async () => {
  const robot = await apiAccount();
  for (let call = 0; call < 2; call++) expect((await me(b.url, basic(robot.email))).status).toBe(200);
  const rotated = await rotateApiPassword(e2eDb(), managing(robot));
  if (!rotated.ok) throw new Error(rotated.error);
  expect((await me(b.url, basic(robot.email))).status).toBe(401);
  expect((await me(APP_URL, basic(robot.email))).status).toBe(401);
  expect(await me(b.url, basic(robot.email, rotated.data.password))).toMatchObject({
    status: 200,
    body: { email: robot.email },
  });
});

test('a revoked key is refused on the next call to either instance', async () => {
  const robot = await apiAccount();
  const key = await addKey(robot);
  expect(await me(b.url, `Bearer ${key.token}`)).toMatchObject({ status: 200, body: { email: robot.email } });
  expect((await me(APP_URL, `Bearer ${key.token}`)).status).toBe(200);

  const { companyId, actorUserId } = managing(robot);
  expect((await revokeApiKey(e2eDb(), { companyId, actorUserId, keyId: key.id })).ok).toBe(true);
  const revoked = await me(b.url, `Bearer ${key.token}`);
  expect(revoked.status).toBe(401);
  expect(revoked.body.error?.message).toMatch(/wrong, revoked or expired/);
  expect((await me(APP_URL, `Bearer ${key.token}`)).status).toBe(401);
  // Its last use was recorded (once a minute at most), with the address the server saw.
  const [row] = await e2eDb().select().from(apiKeys).where(eq(apiKeys.id, key.id));
  expect(row.lastUsedAt).not.toBeNull();
  expect(row.lastUsedIp).toMatch(/127\.0\.0\.1/);
});

test('a deactivated API Account is refused at once, with its password and with its key', async () => {
  const robot = await apiAccount();
  const key = await addKey(robot);
  expect((await me(b.url, basic(robot.email))).status).toBe(200);
  expect((await me(b.url, `Bearer ${key.token}`)).status).toBe(200);

  expect((await setUserDisabled(e2eDb(), { ...managing(robot), disabled: true })).ok).toBe(true);
  expect((await me(b.url, basic(robot.email))).status).toBe(401);
  expect((await me(b.url, `Bearer ${key.token}`)).status).toBe(401);
  expect((await me(APP_URL, basic(robot.email))).status).toBe(401);
});

test('a call from outside the IP allow-list is refused with 403 and audited once', async () => {
  const robot = await apiAccount();
  const key = await addKey(robot);
  const allow = async (ranges: string[]) =>
    expect((await setApiAllowList(e2eDb(), { ...managing(robot), allowList: ranges.join('\n') })).ok).toBe(true);
  await allow(['203.0.113.0/24']);
  const refused = await me(APP_URL, basic(robot.email));
  expect(refused.status).toBe(403);
  expect(refused.body.error?.message).toBe(
    'This API Account may not call from 127.0.0.1: the address is not in its IP allow-list. Ask an admin to add it.',
  );
  expect((await me(b.url, `Bearer ${key.token}`)).status).toBe(403);
  // Wrong credentials get the usual 401: the allow-list does not tell a guesser anything.
  expect((await me(APP_URL, basic(robot.email, 'a guess'))).status).toBe(401);
  const audited = await e2eDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, robot.id), eq(auditEvents.type, 'api.refused_address')));
  expect(audited).toHaveLength(1);
  expect(audited[0].detail).toMatchObject({ address: '127.0.0.1', via: 'password' });

  await allow(['203.0.113.0/24', '127.0.0.0/8']);
  expect((await me(APP_URL, basic(robot.email))).status).toBe(200);
  expect((await me(b.url, `Bearer ${key.token}`)).status).toBe(200);
});

test('calls beyond the account’s limit per minute get 429 with Retry-After, on every instance', async () => {
  const robot = await apiAccount();
  // Both instances count in the same place: A's calls use up B's allowance too.
  for (let call = 0; call < B_CALLS_PER_MINUTE; call++)
    expect((await me(call % 2 ? APP_URL : b.url, basic(robot.email))).status).toBe(200);
  const over = await me(b.url, basic(robot.email));
  expect(over.status).toBe(429);
  expect(Number(over.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(over.retryAfter)).toBeLessThanOrEqual(60);
  expect(over.body.error?.message).toMatch(`more than ${B_CALLS_PER_MINUTE} calls in a minute`);
});
