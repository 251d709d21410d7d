import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies, roles, users } from '../../lib/db/schema';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { openConfirmed } from '../admin/helpers';
import { e2eDb, seedMember } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';
import { isNotFound } from '../security/surface';
import { signInAs } from '../security/attacker';
import { navLinks, signedInElsewhere } from './helpers';

const rowOf = async (id: string) => (await e2eDb().select().from(users).where(eq(users.id, id)))[0];

test('Helpdesk: an admin makes a role, gives it to a member, who reads users and manages 2FA only, until the admin takes 2FA away', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Grace Hopper' });
  const colleague = await seedMember(admin.email, { name: 'Ada Lovelace' });

  // Company › Roles › New role.
  await openConfirmed(page, '/admin/company');
  await page.getByRole('link', { name: 'Manage roles' }).click();
  await page.getByRole('link', { name: 'New role' }).click();
  await expect(page.getByRole('heading', { name: 'New role' })).toBeVisible();
  await page.getByLabel('Name').fill('Helpdesk');
  await page.getByLabel('See users').check();
  await page.getByLabel('Manage users’ two-factor authentication').check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page).toHaveURL(/\/admin\/company\/roles\?notice=created$/);
  await expect(page.getByTestId('form-success')).toContainText('Role created.');
  const helpdeskRow = page.getByTestId('role-row').filter({ hasText: 'Helpdesk' });
  await expect(helpdeskRow.getByTestId('role-permission-words')).toHaveText(
    'See users, Manage users’ two-factor authentication',
  );
  await expect(helpdeskRow.getByTestId('role-users')).toHaveText('0');

  // The admin gives it to the member from the member's page.
  await openConfirmed(page, `/admin/users/${member.id}`);
  const roleSelect = page.getByLabel('Role');
  const helpdesk = await roleSelect.locator('option', { hasText: 'Helpdesk' }).getAttribute('value');
  await roleSelect.selectOption(helpdesk!);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Saved');
  expect((await rowOf(member.id)).roleId).toBe(helpdesk);
  await page.goto('/admin/company/roles');
  await expect(helpdeskRow.getByTestId('role-users')).toHaveText('1');

  // The member signs in: Users is the only admin section in the navigation.
  const memberPage = await signedInElsewhere(browser, member.email);
  expect(await navLinks(memberPage)).toEqual(['Security', 'Users']);
  await memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(memberPage.getByRole('link', { name: 'Invite user' })).toHaveCount(0);
  for (const path of ['/admin/company', '/admin/company/roles', '/admin/activity', '/admin/users/invite']) {
    const response = await memberPage.goto(path);
    expect(response?.status(), path).toBe(404);
  }

  // A colleague's page: the 2FA controls (in sudo mode), the details read only.
  await openConfirmed(memberPage, `/admin/users/${colleague.id}`);
  await expect(memberPage.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(memberPage.getByRole('form', { name: 'Edit user' })).toHaveCount(0);
  await expect(memberPage.getByTestId('user-details')).toContainText(colleague.email);
  await expect(memberPage.getByRole('button', { name: 'Reset 2FA' })).toBeVisible();

  // A forged edit (the action the page no longer shows) is refused and changes nothing.
  const forger = await signInAs(member);
  const before = await rowOf(colleague.id);
  const administrator = await builtInRoleId(e2eDb(), member.companyId, 'administrator');
  const answer = await forger.action(
    'editUserAction',
    {
      userId: colleague.id,
      name: 'Forged',
      email: colleague.email,
      mobile: '',
      role: administrator,
      isApiAccount: '',
    },
    { path: `/admin/users/${colleague.id}` },
  );
  expect(isNotFound(answer), `status ${answer.status}`).toBe(true);
  expect(await rowOf(colleague.id)).toEqual(before);

  // The admin takes "Manage users’ two-factor authentication" away from Helpdesk…
  await page.getByRole('link', { name: 'Helpdesk' }).click();
  await expect(page.getByRole('heading', { name: 'Helpdesk' })).toBeVisible();
  await page.getByLabel('Manage users’ two-factor authentication').uncheck();
  await page.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByTestId('form-success')).toContainText(
    'Saved. Users with this role have the new permissions from their next page.',
  );

  // …and the member's very next request has lost it (no sign-out needed).
  await memberPage.reload();
  await expect(memberPage.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(memberPage.getByRole('button', { name: 'Reset 2FA' })).toHaveCount(0);
  await expect(memberPage.getByTestId('admin-twofactor-description')).toContainText(
    'Your role can see how Ada Lovelace signs in, but not configure or reset it.',
  );
  const reset = await forger.action(
    'resetTwoFactorAction',
    { userId: colleague.id, confirmed: 'on', reason: '' },
    { path: `/admin/users/${colleague.id}` },
  );
  expect(isNotFound(reset)).toBe(true);

  // Activity says who changed what.
  await page.goto('/admin/activity');
  await expect(page.getByTestId('activity-detail').first()).toHaveText(
    '“Helpdesk”: removed manage users’ two-factor authentication',
  );
  await expect(page.getByTestId('activity-what').first()).toContainText('Changed a role');
  await memberPage.context().close();
});

test('an Auditor reads Company, Roles, Activity and Users, with no forms and no password prompt', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await signUpNewCompany(page);
  const auditor = await seedMember(admin.email, { role: 'auditor', name: 'Ida Auditor' });
  const colleague = await seedMember(admin.email, { name: 'Ada Lovelace' });
  await signOut(page);
  await submitPassword(page, auditor.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(admin.company);
  expect(await navLinks(page)).toEqual(['Security', 'Company', 'Users', 'Activity']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).click();
  await expect(page).toHaveURL(/\/admin\/company$/);
  await expect(page.getByTestId('company-read-only')).toHaveText(
    'Your role can see these settings but not change them.',
  );
  await expect(page.getByTestId('company-2fa-status')).toBeVisible();
  await expect(page.getByTestId('company-sessions-status')).toContainText('30 minutes');
  await expect(page.getByRole('button', { name: 'Configure' })).toHaveCount(0);
  await expect(page.locator('main form')).toHaveCount(0);

  await page.getByRole('link', { name: 'See roles' }).click();
  await expect(page.getByTestId('role-row')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'New role' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Administrator' }).click();
  await expect(page.getByTestId('role-read-only')).toContainText('built-in role');
  await expect(page.locator('main form')).toHaveCount(0);
  expect((await page.goto('/admin/company/roles/new'))?.status()).toBe(404);

  await page.goto('/admin/users');
  await expect(page.getByRole('link', { name: 'Invite user' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Edit Ada Lovelace' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${colleague.id}$`));
  await expect(page.getByTestId('user-details')).toContainText('Member');
  await expect(page.getByTestId('admin-twofactor-description')).toBeVisible();
  await expect(page.locator('main form')).toHaveCount(0);

  await page.goto('/admin/activity');
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();

  // What the pages do not show, the actions do not do.
  const forger = await signInAs(auditor);
  const [company] = await e2eDb().select().from(companies).where(eq(companies.id, auditor.companyId));
  const limits = await forger.action(
    'saveSessionLimits',
    { idleMinutes: '480', lifetimeHours: '720' },
    { path: '/admin/company' },
  );
  expect(isNotFound(limits)).toBe(true);
  const created = await forger.action(
    'createRoleAction',
    { name: 'Backdoor', permissions: 'company:write' },
    { path: '/admin/company/roles/new' },
  );
  expect(isNotFound(created)).toBe(true);
  expect((await e2eDb().select().from(companies).where(eq(companies.id, auditor.companyId)))[0]).toEqual(company);
  expect(await e2eDb().select().from(roles).where(eq(roles.companyId, auditor.companyId))).toHaveLength(3);
});
