import { expect, test } from '@playwright/test';
import { seedMember } from '../db';
import { PASSWORD, signUpNewCompany, submitPassword } from '../helpers';
import { confirmIdentity } from '../admin/helpers';

const basic = (email: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`,
});

test('an admin marks an API account: it calls the HTTP API with its password, limited by its role, and cannot sign in to the web app', async ({
  page,
  request,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Build Robot' });

  // A regular user's password does not open the API, and the answer does not say it was right.
  expect((await request.get('/api/v1/me', { headers: basic(member.email, PASSWORD) })).status()).toBe(401);
  expect((await request.get('/api/v1/me', { headers: basic(admin.email, PASSWORD) })).status()).toBe(401);

  await page.goto('/admin/users');
  await page.getByRole('link', { name: 'Edit Build Robot' }).click();
  await confirmIdentity(page);
  // The API Account panel, keeping the password it has (long and strong enough for an API Account).
  await page.getByLabel('Set a password').check();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Mark as API Account' }).click();
  await expect(page.getByText('Marked as API Account.')).toBeVisible();

  const me = await request.get('/api/v1/me', { headers: basic(member.email, PASSWORD) });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: member.email, role: 'Member', permissions: [], via: 'password' });
  // A member-role API account cannot list the company's users.
  const users = await request.get('/api/v1/users', { headers: basic(member.email, PASSWORD) });
  expect(users.status()).toBe(403);
  expect(await users.json()).toMatchObject({ error: { code: 'forbidden', permission: 'users:read' } });

  const wrong = await request.get('/api/v1/me', { headers: basic(member.email, 'not the password') });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()['www-authenticate']).toContain('Basic');

  const web = await page.context().browser()!.newContext();
  const robotPage = await web.newPage();
  await submitPassword(robotPage, member.email, PASSWORD);
  await expect(robotPage.getByTestId('form-error')).toContainText('API account');
});
