import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { API_BODY_MAX_BYTES } from '../../lib/limits';
import { PASSWORD } from '../helpers';
import { basic, call, expectError, seedApiAccount, seedCompany, seedRole, seedUser, tag, userRow } from './seed';

/**
 * What every /api/v1 caller can rely on when something is wrong: one JSON shape with a stable code
 * and plain words, the status that says whose move it is, and nothing learnt about other companies.
 */

test('no credentials, wrong ones, or a regular user’s: 401 naming both ways to authenticate', async ({ request }) => {
  const company = await seedCompany();
  const answers = [
    await request.get('/api/v1/me'),
    await request.get('/api/v1/users', { headers: basic(`nobody-${tag()}@example.com`, PASSWORD) }),
    // The admin's right password: a regular user's password never opens the API.
    await request.get('/api/v1/users', { headers: basic(company.admin.email, PASSWORD) }),
    await request.get('/api/v1/me', { headers: { Authorization: 'Bearer lk_not-a-key' } }),
  ];
  for (const answer of answers) {
    await expectError(answer, 401, 'unauthorized');
    const challenge = answer.headers()['www-authenticate'];
    expect(challenge).toContain('Basic realm="Latchkey API"');
    expect(challenge).toContain('Bearer');
  }
});

test('a role without the permission: 403 naming it, and nothing changes', async ({ request }) => {
  const company = await seedCompany();
  const target = await seedUser(company.id, { name: 'Stays Put' });
  // A custom role that may read users and reset their 2FA, but not edit them.
  const reader = await seedApiAccount(company.id, { permissions: ['users:read', 'users:2fa'] });
  expect((await call(request, reader, 'GET', `/users/${target.id}`)).status()).toBe(200);
  const refused = await expectError(
    await call(request, reader, 'PATCH', `/users/${target.id}`, { name: 'Renamed' }),
    403,
    'forbidden',
  );
  expect(refused.permission).toBe('users:write');
  expect(refused.message).toContain('users:write');
  expect((await userRow(target.id)).name).toBe('Stays Put');

  // Each endpoint names its own permission; a Member-role account holds none.
  const member = await seedApiAccount(company.id, 'member');
  const needs: Array<[method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, permission: string, body?: unknown]> = [
    ['GET', '/users', 'users:read'],
    ['GET', `/users/${target.id}`, 'users:read'],
    ['POST', '/users', 'users:write', { name: 'X', email: `x-${tag()}@example.com`, roleId: randomUUID() }],
    ['PATCH', `/users/${target.id}`, 'users:write', { name: 'X' }],
    ['POST', `/users/${target.id}/reset-2fa`, 'users:2fa', {}],
    ['GET', '/audit-events', 'audit:read'],
    ['GET', '/company/two-factor', 'company:read'],
    ['PUT', '/company/two-factor', 'company:write', { enabled: false, allowTotp: true, allowDuo: false }],
  ];
  for (const [method, path, permission, body] of needs) {
    const error = await expectError(await call(request, member, method, path, body), 403, 'forbidden');
    expect(error.permission, `${method} ${path}`).toBe(permission);
  }
  // …while GET /me answers any API account.
  expect(await (await call(request, member, 'GET', '/me')).json()).toMatchObject({ role: 'Member', permissions: [] });
});

test('bad input: 400 with a message per field; malformed JSON, the wrong type or a large body are refused before parsing', async ({
  request,
}) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id);
  const invalid = await expectError(
    await call(request, robot, 'POST', '/users', { name: '', email: 'not an email', roleId: 'admin' }),
    400,
    'validation_failed',
  );
  expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(['email', 'name', 'roleId']);
  expect(invalid.fields?.email).toContain('email address');

  const query = await expectError(
    await call(request, robot, 'GET', '/users?limit=500&status=gone&method=sms'),
    400,
    'validation_failed',
  );
  expect(Object.keys(query.fields ?? {}).sort()).toEqual(['limit', 'method', 'status']);
  await expectError(await call(request, robot, 'GET', '/users?cursor=made-up'), 400, 'validation_failed');
  await expectError(await call(request, robot, 'GET', '/audit-events?from=last-week'), 400, 'validation_failed');

  const raw = (body: string, contentType = 'application/json') =>
    request.post('/api/v1/users', {
      headers: { ...robot.headers, 'Content-Type': contentType },
      data: Buffer.from(body),
    });
  await expectError(await raw('{"name": "Ann",'), 400, 'invalid_json');
  await expectError(await raw('name=Ann', 'text/plain'), 415, 'unsupported_media_type');
  const large = JSON.stringify({ name: 'A'.repeat(API_BODY_MAX_BYTES), email: 'a@example.com', roleId: randomUUID() });
  await expectError(await raw(large), 413, 'payload_too_large');
});

test('another company’s user, an unknown id and a malformed id are the same 404', async ({ request }) => {
  const a = await seedCompany();
  const b = await seedCompany();
  const robot = await seedApiAccount(a.id);
  const theirs = await seedUser(b.id, { name: 'Not Yours' });
  // The answer for each endpoint is the same whichever id: nothing tells "exists elsewhere" apart.
  for (const [method, path, body] of [
    ['GET', '', undefined],
    ['PATCH', '', { name: 'Taken Over' }],
    ['POST', '/reset-2fa', {}],
  ] as const) {
    const errors = [];
    for (const id of [theirs.id, randomUUID(), 'not-an-id', "1' or '1'='1"])
      errors.push(
        await expectError(
          await call(request, robot, method, `/users/${encodeURIComponent(id)}${path}`, body),
          404,
          'not_found',
        ),
      );
    expect(new Set(errors.map((e) => JSON.stringify(e))).size, `${method} /users/:id${path}`).toBe(1);
  }
  expect((await userRow(theirs.id)).name).toBe('Not Yours');
});

test('mass assignment: a body that also sets the API flag, the company, another company’s role or a password hash changes none of them', async ({
  request,
}) => {
  const a = await seedCompany();
  const b = await seedCompany();
  const robot = await seedApiAccount(a.id);
  const target = await seedUser(a.id, { name: 'Plain User' });
  const before = await userRow(target.id);
  const foreignRole = await seedRole(b.id, ['users:read']);
  const extras = { isApiAccount: true, companyId: b.id, passwordHash: 'x', email: 'new@example.com', id: b.admin.id };

  // Another company's role id is no role at all.
  const refused = await expectError(
    await call(request, robot, 'PATCH', `/users/${target.id}`, { ...extras, roleId: foreignRole }),
    400,
    'validation_failed',
  );
  expect(refused.fields?.roleId).toBeTruthy();
  expect(await userRow(target.id)).toEqual(before);

  // With only fields it knows about the unknown ones are ignored: the name changes, nothing else.
  const renamed = await call(request, robot, 'PATCH', `/users/${target.id}`, { ...extras, name: 'Renamed User' });
  expect(renamed.status()).toBe(200);
  expect(await renamed.json()).toMatchObject({
    changed: ['name'],
    user: { name: 'Renamed User', isApiAccount: false },
  });
  expect(await userRow(target.id)).toEqual({ ...before, name: 'Renamed User' });

  // The same on an invitation: the new user is a plain member of the caller's company.
  const email = `invitee-${tag()}@example.com`;
  const invited = await call(request, robot, 'POST', '/users', {
    name: 'Invitee',
    email,
    roleId: before.roleId,
    isApiAccount: true,
    companyId: b.id,
    passwordHash: 'x',
  });
  expect(invited.status()).toBe(202);
  const list = (await (await call(request, robot, 'GET', `/users?q=${email}`)).json()) as {
    users: Array<{ id: string }>;
  };
  const row = await userRow(list.users[0].id);
  expect(row).toMatchObject({ companyId: a.id, isApiAccount: false, passwordHash: null });
});

test('too many wrong passwords: 429 with Retry-After, even for the right one', async ({ request }) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id);
  let answer = await request.get('/api/v1/me', { headers: basic(robot.user.email, 'wrong') });
  for (let i = 0; i < 30 && answer.status() === 401; i++)
    answer = await request.get('/api/v1/me', { headers: basic(robot.user.email, `wrong ${i}`) });
  await expectError(answer, 429, 'rate_limited');
  expect(Number(answer.headers()['retry-after'])).toBeGreaterThan(0);
  const right = await request.get('/api/v1/me', { headers: robot.headers });
  await expectError(right, 429, 'rate_limited');
  expect(Number(right.headers()['retry-after'])).toBeGreaterThan(0);
});

test('a state-changing call from another site’s page is refused before anything else', async ({ request }) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id);
  const target = await seedUser(company.id, { name: 'Not Changed' });
  const answer = await request.patch(`/api/v1/users/${target.id}`, {
    headers: { ...robot.headers, Origin: 'https://evil.example' },
    data: { name: 'Changed' },
  });
  await expectError(answer, 403, 'cross_origin');
  expect((await userRow(target.id)).name).toBe('Not Changed');
});
