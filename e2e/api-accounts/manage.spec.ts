/**
 * Issue 11: an admin manages an API Account from the user's page, and the HTTP API agrees at once.
 * Passwords and keys appear once, in the answer of the action that made them; the page never
 * shows them again.
 */
import { createHash } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb, seedMember } from '../db';
import { PASSWORD, signUpNewCompany, waitForMessage } from '../helpers';
import { accessibilityProblems, openConfirmed } from '../admin/helpers';

const basic = (email: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`,
});
const me = async (request: APIRequestContext, headers: Record<string, string>) =>
  (await request.get('/api/v1/me', { headers })).status();

/** An admin signed up through the UI, on the page of a new member, with their identity confirmed. */
async function onMembersPage(page: Page, name: string) {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name });
  await openConfirmed(page, `/admin/users/${member.id}`);
  return { admin, member, panel: page.getByTestId('api-account-panel') };
}

test('an admin marks a member as API Account with a generated password, reads it once, and rotates it', async ({
  page,
  request,
}) => {
  const { admin, member, panel } = await onMembersPage(page, 'Build Robot');
  // The flag is not a field of Details any more: it changes only here.
  await expect(page.getByRole('form', { name: 'Edit user' }).getByRole('checkbox')).toHaveCount(0);
  // A regular user's right password does not open the API.
  expect(await me(request, basic(member.email, PASSWORD))).toBe(401);

  await expect(panel.getByLabel('Generate a strong password (recommended)')).toBeChecked();
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  const password = (await panel.getByTestId('api-password').textContent())!;
  expect(password).toMatch(/^[A-Za-z2-9]{32}$/);
  await expect(panel.getByText('This is the only time it is shown')).toBeVisible();
  await expect(panel.getByTestId('api-account-status')).toContainText('is an API Account');

  expect(await me(request, basic(member.email, password))).toBe(200);
  expect(await me(request, basic(member.email, PASSWORD))).toBe(401);
  const marked = await waitForMessage(admin.email, (m) => /marked as an API Account/.test(m.subject ?? ''));
  expect(marked.text).toContain(member.email);
  expect(marked.text).not.toContain(password);

  await page.reload();
  await expect(panel.getByRole('button', { name: 'Rotate password' })).toBeVisible();
  await expect(panel.getByTestId('api-password')).toHaveCount(0);
  expect(await page.content()).not.toContain(password);

  // Rotating asks for the tick first: the integration's password stops working at once.
  await panel.getByRole('button', { name: 'Rotate password' }).click();
  await expect(
    panel.getByText('Tick the box to confirm: the current password stops working at once.').first(),
  ).toBeVisible();
  expect(await me(request, basic(member.email, password))).toBe(200);
  await panel.getByLabel('I understand the current password stops working at once').check();
  await panel.getByRole('button', { name: 'Rotate password' }).click();
  await expect(panel.getByTestId('api-password')).not.toHaveText(password);
  const rotated = (await panel.getByTestId('api-password').textContent())!;
  expect(rotated).toMatch(/^[A-Za-z2-9]{32}$/);
  expect(await me(request, basic(member.email, password))).toBe(401);
  expect(await me(request, basic(member.email, rotated))).toBe(200);

  await page.reload();
  await expect(panel.getByTestId('api-password')).toHaveCount(0);
  expect(await page.content()).not.toContain(rotated);

  // Back to a regular user: the API no longer lets it in.
  await panel.getByLabel(/I understand every API key of this account is revoked/).check();
  await panel.getByRole('button', { name: 'Turn back into a regular user' }).click();
  await expect(panel.getByRole('button', { name: 'Mark as API Account' })).toBeVisible();
  await expect(panel.getByTestId('api-password')).toHaveCount(0);
  expect(await me(request, basic(member.email, rotated))).toBe(401);
});

test('a password the admin sets must be long and strong; a good one works', async ({ page, request }) => {
  const { member, panel } = await onMembersPage(page, 'Export Robot');
  await panel.getByLabel('Set a password').check();
  const field = panel.getByLabel('Password', { exact: true });
  await field.fill('short but fine 12');
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  await expect(panel.getByText(/needs at least 20 characters/).first()).toBeVisible();
  await expect(field).toBeFocused();
  await field.fill('passwordpassword12345');
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  await expect(panel.getByText(/not strong enough for an API Account/).first()).toBeVisible();
  expect(await me(request, basic(member.email, 'passwordpassword12345'))).toBe(401);

  const chosen = 'cobalt ferry violet harbour 1987 kettle';
  await field.fill(chosen);
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  await expect(panel.getByTestId('form-success')).toContainText('It calls the API with the password you set.');
  await expect(panel.getByTestId('api-password')).toHaveCount(0);
  expect(await me(request, basic(member.email, chosen))).toBe(200);
});

test('API keys: created with a name and expiry, shown once, stored as a hash, revoked after a tick', async ({
  page,
}) => {
  const { member, panel } = await onMembersPage(page, 'Key Robot');
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  await expect(panel.getByTestId('no-api-keys')).toBeVisible();

  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await panel.getByLabel('Key name').fill('Nightly export');
  await panel.getByLabel('Expires on (optional)').fill(expires);
  await panel.getByRole('button', { name: 'Create API key' }).click();
  const token = (await panel.getByTestId('api-key-token').textContent())!;
  expect(token).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
  await expect(panel.getByText('Authorization: Bearer lk_')).toBeVisible();
  const row = panel.getByTestId('api-key-row').filter({ hasText: 'Nightly export' });
  await expect(row).toContainText(`${token.slice(0, 11)}…`);
  await expect(row.getByTestId('api-key-status')).toHaveText('Active');

  // Only the SHA-256 of the key is kept.
  const stored = (await e2eDb().execute(
    sql`select row_to_json(k)::text as row, secret_hash from api_keys k where user_id = ${member.id}`,
  )) as unknown as Array<{ row: string; secret_hash: string }>;
  expect(stored).toHaveLength(1);
  expect(stored[0].secret_hash).toBe(createHash('sha256').update(token).digest('hex'));
  expect(stored[0].row).not.toContain(token.slice(11));

  // A second key with the same name is refused, and says why.
  await panel.getByLabel('Key name').fill('nightly EXPORT');
  await panel.getByRole('button', { name: 'Create API key' }).click();
  await expect(panel.getByText('already has a key with this name').first()).toBeVisible();

  // The allow-list names a bad line, and shows the saved ranges (normalised) after a reload.
  const allowList = panel.getByRole('textbox', { name: 'Allowed addresses' });
  await allowList.fill('203.0.113.0/24\n10.0.0.300');
  await panel.getByRole('button', { name: 'Save allowed addresses' }).click();
  await expect(panel.getByText('Not an IP address or CIDR range: 10.0.0.300').first()).toBeVisible();
  await allowList.fill('203.0.113.0/24\n2001:DB8::/32\n127.0.0.1');
  await panel.getByRole('button', { name: 'Save allowed addresses' }).click();
  await expect(page.getByTestId('form-success').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.reload();
  await expect(panel.getByTestId('api-key-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await expect(allowList).toHaveValue('203.0.113.0/24\n2001:db8::/32\n127.0.0.1/32');

  await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
  await expect(row.getByText('Tick the box beside the key to confirm')).toBeVisible();
  await expect(row.getByTestId('api-key-status')).toHaveText('Active');
  await row.getByLabel(/Revoke “Nightly export”/).check();
  await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
  await expect(row.getByTestId('api-key-status')).toHaveText('Revoked');
  await expect(page.getByTestId('form-success').filter({ hasText: 'The key was revoked.' })).toBeVisible();
});

test('the panel at 390 px, in light and dark, with a password and a key on show: it fits and axe finds nothing', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { panel } = await onMembersPage(page, 'Phone Robot');
  expect(await accessibilityProblems(page)).toEqual([]);
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  await expect(panel.getByTestId('api-password')).toBeVisible();
  await panel.getByLabel('Key name').fill('A key with a rather long name for a narrow screen');
  await panel.getByRole('button', { name: 'Create API key' }).click();
  await expect(panel.getByTestId('api-key-token')).toBeVisible();
  const pastTheEdge = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => !e.closest('[role=region]') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => e.outerHTML.slice(0, 80)),
    );
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await pastTheEdge()).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
  }
});

test('the API takes a new key, refuses it once revoked, and refuses addresses outside the allow-list', async ({
  page,
  request,
}) => {
  const { member, panel } = await onMembersPage(page, 'Bearer Robot');
  await panel.getByRole('button', { name: 'Mark as API Account' }).click();
  const password = (await panel.getByTestId('api-password').textContent())!;
  await panel.getByLabel('Key name').fill('CI');
  await panel.getByRole('button', { name: 'Create API key' }).click();
  const token = (await panel.getByTestId('api-key-token').textContent())!;
  const bearer = { Authorization: `Bearer ${token}` };
  expect(await me(request, bearer)).toBe(200);

  // The e2e calls come from 127.0.0.1: a list without it refuses them, after the credentials.
  await panel.getByRole('textbox', { name: 'Allowed addresses' }).fill('203.0.113.0/24\n2001:db8::/32');
  await panel.getByRole('button', { name: 'Save allowed addresses' }).click();
  await expect(page.getByTestId('form-success').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await me(request, bearer)).toBe(403);
  expect(await me(request, basic(member.email, password))).toBe(403);
  await panel.getByRole('textbox', { name: 'Allowed addresses' }).fill('127.0.0.1');
  await panel.getByRole('button', { name: 'Save allowed addresses' }).click();
  await expect(page.getByTestId('form-success').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await me(request, bearer)).toBe(200);

  const row = panel.getByTestId('api-key-row').filter({ hasText: 'CI' });
  await row.getByLabel(/Revoke “CI”/).check();
  await row.getByRole('button', { name: 'Revoke CI' }).click();
  await expect(row.getByTestId('api-key-status')).toHaveText('Revoked');
  expect(await me(request, bearer)).toBe(401);
  expect(await me(request, basic(member.email, password))).toBe(200);
});
