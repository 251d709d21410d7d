import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies } from '../../lib/db/schema';
import { FAKE_DUO } from '../config';
import { e2eDb } from '../db';
import { call, expectError, seedApiAccount, seedCompany, seedUser } from './seed';

type EventPage = {
  events: Array<{
    id: number;
    type: string;
    createdAt: string;
    actor: { id: string | null; label: string };
    target: { id: string | null; label: string } | null;
    summary: string;
  }>;
  nextCursor: string | null;
};

test('GET /audit-events: newest first, by pages, by type and time, with the Activity page’s sentence', async ({
  request,
}) => {
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id);
  const target = await seedUser(company.id, { name: 'Audited Person' });
  for (const name of ['One', 'Two', 'Three'])
    expect((await call(request, robot, 'PATCH', `/users/${target.id}`, { name })).status()).toBe(200);

  const all = (await (await call(request, robot, 'GET', '/audit-events')).json()) as EventPage;
  expect(all.events.map((e) => e.type)).toEqual(['user.updated', 'user.updated', 'user.updated', 'account.created']);
  expect(all.events[0]).toMatchObject({
    actor: { id: robot.user.id, label: robot.user.email },
    target: { id: target.id, label: target.email },
    summary: 'Edited a user: Changed the name',
  });

  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (
      await call(request, robot, 'GET', `/audit-events?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
    ).json()) as EventPage;
    seen.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toEqual(all.events.map((e) => e.id));

  const updates = (await (await call(request, robot, 'GET', '/audit-events?type=user.updated')).json()) as EventPage;
  expect(updates.events).toHaveLength(3);
  const newest = all.events[0].createdAt;
  const since = (await (
    await call(request, robot, 'GET', `/audit-events?from=${encodeURIComponent(newest)}`)
  ).json()) as EventPage;
  expect(since.events.map((e) => e.id)).toContain(all.events[0].id);
  expect(since.events.map((e) => e.type)).not.toContain('account.created');
  await expectError(
    await call(request, robot, 'GET', `/audit-events?from=${encodeURIComponent(newest)}&to=2000-01-01T00:00:00Z`),
    400,
    'validation_failed',
  );

  // Another company's events never show.
  const other = await seedCompany();
  const theirs = await seedApiAccount(other.id, 'auditor');
  const theirEvents = (await (await call(request, theirs, 'GET', '/audit-events')).json()) as EventPage;
  expect(theirEvents.events.map((e) => e.type)).toEqual(['account.created']);
});

test('GET and PUT /company/two-factor: the Configure dialog’s rules, Duo keys checked, the secret never returned', async ({
  request,
}) => {
  const company = await seedCompany();
  const reader = await seedApiAccount(company.id, 'auditor');
  const writer = await seedApiAccount(company.id);
  expect(await (await call(request, reader, 'GET', '/company/two-factor')).json()).toEqual({
    enabled: false,
    allowTotp: true,
    allowDuo: false,
    duo: { integrationKey: null, apiHost: null, secretKeySet: false },
    summary: expect.stringMatching(/^Off/),
  });

  // Duo (the fake) refuses a secret that is not this integration's: nothing is saved.
  const wrongSecret = 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep';
  const refused = await expectError(
    await call(request, writer, 'PUT', '/company/two-factor', {
      enabled: true,
      allowTotp: true,
      allowDuo: true,
      duo: { integrationKey: FAKE_DUO.ikey, secretKey: wrongSecret, apiHost: FAKE_DUO.host },
    }),
    400,
    'validation_failed',
  );
  expect(refused.message).toContain('Nothing was saved.');
  expect(Object.keys(refused.fields ?? {})).toEqual(['duo.secretKey']);
  const malformed = await expectError(
    await call(request, writer, 'PUT', '/company/two-factor', {
      enabled: true,
      allowTotp: true,
      allowDuo: true,
      duo: { integrationKey: 'nope', secretKey: 'short', apiHost: 'https://example.com/x' },
    }),
    400,
    'validation_failed',
  );
  expect(Object.keys(malformed.fields ?? {}).sort()).toEqual(['duo.apiHost', 'duo.integrationKey', 'duo.secretKey']);
  const [unchanged] = await e2eDb().select().from(companies).where(eq(companies.id, company.id));
  expect(unchanged).toMatchObject({ twoFactorRequired: false, duoSecretKeyEncrypted: null });

  const saved = await call(request, writer, 'PUT', '/company/two-factor', {
    enabled: true,
    allowTotp: false,
    allowDuo: true,
    duo: { integrationKey: FAKE_DUO.ikey, secretKey: FAKE_DUO.skey, apiHost: FAKE_DUO.host },
  });
  expect(saved.status()).toBe(200);
  const settings = { enabled: true, allowTotp: false, allowDuo: true };
  const duo = { integrationKey: FAKE_DUO.ikey, apiHost: FAKE_DUO.host, secretKeySet: true };
  expect(await saved.json()).toMatchObject({ ...settings, duo, summary: expect.stringMatching(/^On/) });
  const read = await (await call(request, reader, 'GET', '/company/two-factor')).text();
  expect(JSON.parse(read)).toMatchObject({ ...settings, duo });
  expect(read).not.toContain(FAKE_DUO.skey);

  // Omitted Duo values keep the saved ones (the secret is checked with Duo again, as the dialog does).
  const kept = await call(request, writer, 'PUT', '/company/two-factor', {
    enabled: true,
    allowTotp: true,
    allowDuo: true,
  });
  expect(kept.status()).toBe(200);
  expect(await kept.json()).toMatchObject({ allowTotp: true, duo });

  await expectError(
    await call(request, writer, 'PUT', '/company/two-factor', { enabled: 'yes', allowDuo: false }),
    400,
    'validation_failed',
  );
  // Audited with the API account as actor.
  const events = (await (
    await call(request, writer, 'GET', '/audit-events?type=2fa.company_policy_changed')
  ).json()) as EventPage;
  expect(events.events).toHaveLength(2);
  expect(events.events.every((e) => e.actor.id === writer.user.id)).toBe(true);
});
