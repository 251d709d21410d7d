import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { roles, users } from '../../lib/db/schema';
import { PERMISSIONS } from '../../lib/roles/permissions';
import { openConfirmed } from '../admin/helpers';
import { e2eDb, seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { giveRole, seedRole } from './helpers';

const roleRow = async (id: string) => (await e2eDb().select().from(roles).where(eq(roles.id, id)))[0];

test('a role in use cannot be deleted until its user is moved; an unused one is deleted after the confirmation', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const helpdesk = await seedRole(admin.email, 'Helpdesk', ['users:read']);
  const member = await seedMember(admin.email);
  await giveRole(member.id, helpdesk.id);

  await openConfirmed(page, `/admin/company/roles/${helpdesk.id}`);
  await expect(page.getByTestId('role-holders')).toHaveText('1 user has this role.');
  const remove = page.getByRole('form', { name: 'Delete role' });
  await remove.getByRole('button', { name: 'Delete role' }).click();
  await expect(remove.getByTestId('form-error')).toContainText('Tick the box to confirm');
  await remove.getByLabel('Yes, delete the role “Helpdesk”.').check();
  await remove.getByRole('button', { name: 'Delete role' }).click();
  await expect(remove.getByTestId('form-error')).toContainText(
    '1 user has this role. Give them another role first (on their page in Users), then delete it.',
  );
  expect(await roleRow(helpdesk.id)).toBeDefined();

  const unused = await seedRole(admin.email, 'Old project', []);
  await openConfirmed(page, `/admin/company/roles/${unused.id}`);
  await expect(page.getByTestId('role-holders')).toHaveText('0 users have this role.');
  await page.getByLabel('Yes, delete the role “Old project”.').check();
  await page.getByRole('button', { name: 'Delete role' }).click();
  await expect(page).toHaveURL(/\/admin\/company\/roles\?notice=deleted$/);
  await expect(page.getByTestId('form-success')).toHaveText('Role deleted.');
  await expect(page.getByTestId('role-row').filter({ hasText: 'Old project' })).toHaveCount(0);
  await expect(page.getByTestId('role-row').filter({ hasText: 'Helpdesk' })).toHaveCount(1);
  expect(await roleRow(unused.id)).toBeUndefined();
});

test('the last user who can change company settings cannot take that permission from their own role', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const owners = await seedRole(admin.email, 'Owners', PERMISSIONS);
  const [me] = await e2eDb().select().from(users).where(eq(users.email, admin.email.toLowerCase()));
  await giveRole(me.id, owners.id);

  await openConfirmed(page, `/admin/company/roles/${owners.id}`);
  const keep = page.getByLabel('Change company settings');
  await keep.uncheck();
  await page.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('form', { name: 'Edit role' }).getByTestId('form-error')).toContainText(
    'After this change nobody could change the company’s settings.',
  );
  // The choice survives the refusal; the role does not change.
  await expect(keep).not.toBeChecked();
  expect((await roleRow(owners.id)).permissions).toContain('company:write');
  await page.reload();
  await expect(page.getByLabel('Change company settings')).toBeChecked();
});

test('built-in roles read only, even to an Administrator', async ({ page }) => {
  await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company/roles');
  for (const name of ['Administrator', 'Member', 'Auditor']) {
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    await expect(page.getByTestId('role-read-only')).toContainText('This is a built-in role');
    await expect(page.locator('main form')).toHaveCount(0);
    await page.getByRole('link', { name: '← Roles' }).click();
  }
  await expect(
    page.getByTestId('role-row').filter({ hasText: 'Member' }).getByTestId('role-permission-words'),
  ).toHaveText('Their own account only');
});
