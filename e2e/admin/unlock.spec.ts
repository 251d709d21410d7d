import { expect, test } from '@playwright/test';
import { seedMember } from '../db';
import { PASSWORD, signUpNewCompany, submitPassword } from '../helpers';
import { confirmIdentity } from './helpers';

test('a member locked out by wrong passwords signs in again once an admin unlocks them', async ({ page, browser }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Locked Member' });
  const memberPage = await (await browser.newContext()).newPage();
  for (let i = 0; i < 10; i++) {
    await submitPassword(memberPage, member.email, `wrong guess ${i}`);
    await expect(memberPage.getByTestId('form-error')).toBeVisible();
  }
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('form-error')).toContainText('Too many attempts');

  await page.goto('/admin/users');
  await page.getByRole('link', { name: 'Edit Locked Member' }).click();
  await confirmIdentity(page);
  await page.getByRole('button', { name: 'Unlock sign-in' }).click();
  await expect(page.getByText('Sign-in is unlocked. We emailed the user.')).toBeVisible();

  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('company-name')).toHaveText(admin.company);
  await memberPage.context().close();
});
