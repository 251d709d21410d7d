import { expect, test } from '@playwright/test';
import { seedMember } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';

test('a member gets a 404 on the admin pages', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await signOut(page);
  await submitPassword(page, member.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(admin.company);

  for (const path of ['/admin/users', '/admin/company', '/admin/users/invite', `/admin/users/${member.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
});

test('an admin of another company gets a 404 on a user’s page', async ({ page }) => {
  const first = await signUpNewCompany(page);
  const member = await seedMember(first.email);
  await signOut(page);
  await signUpNewCompany(page);
  const response = await page.goto(`/admin/users/${member.id}`);
  expect(response?.status()).toBe(404);
  await page.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  await expect(page.getByTestId('no-users')).toBeVisible();
});
