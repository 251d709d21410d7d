import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { auditEvents, totpCredentials } from '../../lib/db/schema';
import { e2eDb } from '../db';
import { messagesTo, waitForMessage } from '../helpers';
import { call, expectError, seedApiAccount, seedCompany, seedRole, seedUser, tag, userRow } from './seed';

type Page = { users: Array<{ id: string; name: string; status: string; role: { id: string; name: string } }> };
type ListPage = Page & { nextCursor: string | null };

test('GET /users pages through the company, stable while users are added between pages', async ({ request }) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id, 'auditor');
  for (const name of ['Ann', 'bob', 'Cleo', 'Dev', 'Eve', 'Finn', 'Gia']) await seedUser(company.id, { name });
  const everyone = (await (await call(request, robot, 'GET', '/users?limit=100')).json()) as ListPage;
  expect(everyone.nextCursor).toBeNull();
  const atStart = everyone.users.map((u) => u.id);
  expect(atStart).toHaveLength(9); // the admin, the robot and seven users

  const seen: string[] = [];
  let cursor: string | null = null;
  let round = 0;
  do {
    const answer = await call(request, robot, 'GET', `/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status()).toBe(200);
    const page = (await answer.json()) as ListPage;
    expect(page.users.length).toBeLessThanOrEqual(3);
    seen.push(...page.users.map((u) => u.id));
    cursor = page.nextCursor;
    // Someone adds users sorting before, among and after those already sent.
    for (const name of ['Aaron', `Cleo ${round}`, 'Zoe']) await seedUser(company.id, { name });
    round++;
  } while (cursor);
  expect(new Set(seen).size, 'no user twice').toBe(seen.length);
  expect(
    atStart.filter((id) => !seen.includes(id)),
    'none of those there at the start missed',
  ).toEqual([]);
});

test('GET /users filters by text, role, status and 2FA method; GET /users/:id shows one, without secrets', async ({
  request,
}) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id, 'auditor');
  const t = tag();
  const invited = await seedUser(company.id, { name: `Invited ${t}`, passwordless: true });
  const withApp = await seedUser(company.id, { name: `App User ${t}`, role: 'auditor' });
  await e2eDb()
    .insert(totpCredentials)
    .values({ userId: withApp.id, secretEncrypted: 'v1:not-really', confirmedAt: new Date() });
  const ids = async (query: string) =>
    ((await (await call(request, robot, 'GET', `/users?${query}`)).json()) as Page).users.map((u) => u.id).sort();

  expect(await ids(`q=${t}`)).toEqual([invited.id, withApp.id].sort());
  expect(await ids(`q=${invited.email.toUpperCase()}`)).toEqual([invited.id]);
  expect(await ids(`status=invited`)).toEqual([invited.id]);
  expect(await ids(`method=totp`)).toEqual([withApp.id]);
  expect(await ids(`q=${t}&method=none`)).toEqual([invited.id]);
  expect(await ids(`q=${t}&role=Auditor`)).toEqual([withApp.id]);
  expect(await ids(`role=${withApp.roleId}`)).toEqual([robot.user.id, withApp.id].sort());

  const one = await call(request, robot, 'GET', `/users/${withApp.id}`);
  expect(one.status()).toBe(200);
  const body = (await one.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    id: withApp.id,
    email: withApp.email,
    role: { id: withApp.roleId, name: 'Auditor' },
    status: 'active',
    twoFactor: 'totp',
    twoFactorMethods: ['totp', 'backup'],
  });
  const text = JSON.stringify(body);
  for (const secret of ['passwordHash', 'password_hash', 'secret', 'v1:not-really', 'argon2'])
    expect(text).not.toContain(secret);
});

test('POST /users invites; an address of another company gets the very same answer and nobody is created', async ({
  request,
}) => {
  const a = await seedCompany();
  const b = await seedCompany();
  const robot = await seedApiAccount(a.id);
  const memberRole = (await seedUser(a.id)).roleId;

  const email = `new-${tag()}@example.com`;
  const invited = await call(request, robot, 'POST', '/users', {
    name: 'New Person',
    email: email.toUpperCase(),
    roleId: memberRole,
  });
  expect(invited.status()).toBe(202);
  const fresh = await invited.json();
  expect(fresh).toEqual({ email, emailSent: true });
  expect((await waitForMessage(email)).text).toContain('/invite/');
  const listed = ((await (await call(request, robot, 'GET', `/users?q=${email}`)).json()) as Page).users;
  expect(listed).toMatchObject([{ name: 'New Person', status: 'invited', role: { id: memberRole } }]);

  // B's admin: the same status and the same shape; nothing is created in A, and B's user is untouched.
  const taken = await call(request, robot, 'POST', '/users', {
    name: 'Someone',
    email: b.admin.email,
    roleId: memberRole,
  });
  expect(taken.status()).toBe(202);
  expect(Object.keys(await taken.json()).sort()).toEqual(Object.keys(fresh).sort());
  expect(((await (await call(request, robot, 'GET', `/users?q=${b.admin.email}`)).json()) as Page).users).toEqual([]);
  expect((await userRow(b.admin.id)).companyId).toBe(b.id);

  // Already in the caller's own company: that is theirs to know.
  const again = await expectError(
    await call(request, robot, 'POST', '/users', { name: 'New Person', email, roleId: memberRole }),
    409,
    'conflict',
  );
  expect(again.fields?.email).toContain('already');
});

test('nobody hands out more than they hold: an API account cannot invite or promote to a role above its own', async ({
  request,
}) => {
  const company = await seedCompany();
  const manager = await seedApiAccount(company.id, { permissions: ['users:read', 'users:write'] });
  const target = await seedUser(company.id);
  const adminRole = company.admin.roleId;
  const invite = await expectError(
    await call(request, manager, 'POST', '/users', {
      name: 'Boss',
      email: `boss-${tag()}@example.com`,
      roleId: adminRole,
    }),
    400,
    'validation_failed',
  );
  expect(invite.fields?.roleId).toContain('only give permissions your own role holds');
  const promote = await expectError(
    await call(request, manager, 'PATCH', `/users/${target.id}`, { roleId: adminRole }),
    400,
    'validation_failed',
  );
  expect(promote.fields?.roleId).toContain('only give permissions your own role holds');
  expect((await userRow(target.id)).roleId).toBe(target.roleId);
  // A role within its own permissions is fine.
  const peerRole = await seedRole(company.id, ['users:read']);
  const moved = await call(request, manager, 'PATCH', `/users/${target.id}`, { roleId: peerRole });
  expect(moved.status()).toBe(200);
  expect(await moved.json()).toMatchObject({ changed: ['role'], user: { role: { id: peerRole } } });
});

test('PATCH /users/:id changes the name, role and mobile; it is audited with the API account as actor', async ({
  request,
}) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id);
  const target = await seedUser(company.id, { name: 'Old Name' });
  const auditorRole = await seedUser(company.id, { role: 'auditor' }).then((u) => u.roleId);

  const answer = await call(request, robot, 'PATCH', `/users/${target.id}`, {
    name: 'New Name',
    roleId: auditorRole,
    mobile: '+44 7911 123456',
  });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({
    changed: ['name', 'mobile', 'role'],
    user: { id: target.id, name: 'New Name', mobile: '+447911123456', role: { id: auditorRole, name: 'Auditor' } },
  });
  expect(await userRow(target.id)).toMatchObject({ name: 'New Name', mobile: '+447911123456', roleId: auditorRole });
  // The user is told, as after an admin's edit.
  expect((await waitForMessage(target.email)).subject).toBe('Your account details were changed');

  // Removing the mobile; an unusable number is a field error.
  expect(await (await call(request, robot, 'PATCH', `/users/${target.id}`, { mobile: null })).json()).toMatchObject({
    changed: ['mobile'],
    user: { mobile: null },
  });
  const landline = await expectError(
    await call(request, robot, 'PATCH', `/users/${target.id}`, { mobile: '+44 20 7946 0000' }),
    400,
    'validation_failed',
  );
  expect(landline.fields?.mobile).toBeTruthy();
  await expectError(await call(request, robot, 'PATCH', `/users/${target.id}`, {}), 400, 'validation_failed');
  // Deactivating goes on its own (one change, one transaction), and ends the user's access at once.
  const mixed = await expectError(
    await call(request, robot, 'PATCH', `/users/${target.id}`, { disabled: true, name: 'Also renamed' }),
    400,
    'validation_failed',
  );
  expect(mixed.fields?.disabled).toBeTruthy();
  expect(await userRow(target.id)).toMatchObject({ disabled: false, name: 'New Name' });
  const deactivated = await call(request, robot, 'PATCH', `/users/${target.id}`, { disabled: true });
  expect(deactivated.status()).toBe(200);
  expect(await deactivated.json()).toMatchObject({ changed: ['disabled'], user: { status: 'deactivated' } });
  expect((await userRow(target.id)).disabled).toBe(true);
  const reactivated = await call(request, robot, 'PATCH', `/users/${target.id}`, { disabled: false });
  expect(await reactivated.json()).toMatchObject({ changed: ['disabled'], user: { status: 'active' } });
  expect((await userRow(target.id)).disabled).toBe(false);
  // An API account never edits itself through the API.
  await expectError(await call(request, robot, 'PATCH', `/users/${robot.user.id}`, { name: 'Me' }), 403, 'forbidden');

  const events = await e2eDb().select().from(auditEvents).where(eq(auditEvents.targetUserId, target.id));
  expect(events.filter((e) => e.type === 'user.updated')).toHaveLength(2);
  expect(events.every((e) => e.actorUserId === robot.user.id)).toBe(true);
});

test('POST /users/:id/reset-2fa removes the authenticator, ends sessions and tells the user', async ({ request }) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id, { permissions: ['users:read', 'users:2fa'] });
  const target = await seedUser(company.id);
  await e2eDb()
    .insert(totpCredentials)
    .values({ userId: target.id, secretEncrypted: 'v1:not-really', confirmedAt: new Date() });
  expect((await (await call(request, robot, 'GET', `/users/${target.id}`)).json()).twoFactor).toBe('totp');
  const before = (await messagesTo(target.email)).length;

  const answer = await call(request, robot, 'POST', `/users/${target.id}/reset-2fa`, { reason: 'Lost phone' });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ reset: true, emailed: true });
  expect((await (await call(request, robot, 'GET', `/users/${target.id}`)).json()).twoFactor).toBe('none');
  expect(await e2eDb().select().from(totpCredentials).where(eq(totpCredentials.userId, target.id))).toEqual([]);
  await expect.poll(async () => (await messagesTo(target.email)).length).toBeGreaterThan(before);
  const [event] = await e2eDb().select().from(auditEvents).where(eq(auditEvents.targetUserId, target.id));
  expect(event).toMatchObject({
    type: '2fa.reset_by_admin',
    actorUserId: robot.user.id,
    detail: { reason: 'Lost phone' },
  });

  // With no body at all it works too.
  expect((await request.post(`/api/v1/users/${target.id}/reset-2fa`, { headers: robot.headers })).status()).toBe(200);
});
