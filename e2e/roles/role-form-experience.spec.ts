import { expect, test } from '@playwright/test';
import { openConfirmed } from '../admin/helpers';
import { seedMember } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';
import { axeViolations, seedRole, tabTo } from './helpers';

test('keyboard only: an admin creates a role (after a refused empty name) and edits it', async ({ page }) => {
  await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company/roles/new');

  // From here on: Tab, typing, Space and Enter only.
  const create = page.getByRole('button', { name: 'Create role' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  const name = page.getByLabel('Name');
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Enter a name for the role\./);

  await page.keyboard.type('Night shift');
  for (const label of ['See users', 'Manage users’ two-factor authentication']) {
    const box = page.getByLabel(label);
    await tabTo(page, box);
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  await expect(page.getByLabel('See users')).toHaveAccessibleDescription('Open the Users list and each user’s page.');
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/company\/roles\?notice=created$/);
  const row = page.getByTestId('role-row').filter({ hasText: 'Night shift' });
  await expect(row.getByTestId('role-permission-words')).toHaveText(
    'See users, Manage users’ two-factor authentication',
  );

  const link = row.getByRole('link', { name: 'Night shift' });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Night shift' })).toBeVisible();
  const activity = page.getByLabel('See activity');
  await tabTo(page, activity);
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Save role' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ has: page.getByTestId('form-success') })).toContainText(
    'Saved. Users with this role have the new permissions from their next page.',
  );
});

test('the roles pages have no accessibility violations, for an admin and for an Auditor', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await signUpNewCompany(page);
  const role = await seedRole(admin.email, 'Helpdesk', ['users:read', 'users:2fa']);
  const check = async (name: string) => expect.soft(await axeViolations(page), name).toEqual([]);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openConfirmed(page, '/admin/company/roles');
    await check(`/admin/company/roles ${scheme}`);
    await page.goto(`/admin/company/roles/${role.id}`);
    await check(`/admin/company/roles/<custom> ${scheme}`);
    await page.getByRole('button', { name: 'Delete role' }).click();
    await expect(page.getByTestId('form-error')).toBeVisible();
    await check(`/admin/company/roles/<custom> (errors) ${scheme}`);
    await page.goto('/admin/company/roles/new');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect(page.getByTestId('form-error')).toBeVisible();
    await check(`/admin/company/roles/new (errors) ${scheme}`);
    await page.getByRole('link', { name: '← Roles' }).click();
    await page.getByRole('link', { name: 'Administrator' }).click();
    await check(`/admin/company/roles/<built-in> ${scheme}`);
  }

  const auditor = await seedMember(admin.email, { role: 'auditor' });
  const other = await seedMember(admin.email);
  await signOut(page);
  await submitPassword(page, auditor.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toBeVisible();
  for (const path of ['/admin/company', '/admin/company/roles', `/admin/users/${other.id}`]) {
    await page.goto(path);
    await check(`${path} (Auditor)`);
  }
});
