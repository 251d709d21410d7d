import { expect, test } from '@playwright/test';
import { seedMember } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';
import { configureTotpFor } from './helpers';

test('an admin resets a user’s 2FA; the user signs in with the password alone again', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await configureTotpFor(page, member.id);

  await page.getByLabel('Reason (optional, shown in Activity)').fill('Lost phone, identity checked by video call');
  await page.getByRole('button', { name: 'Reset 2FA' }).click();
  await expect(page.getByTestId('form-error')).toContainText('Tick the box to confirm you checked who is asking.');
  await expect(page.getByLabel(/I checked that I am talking to/)).toBeFocused();
  await page.getByLabel(/I checked that I am talking to/).check();
  await page.getByRole('button', { name: 'Reset 2FA' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Two-factor authentication was reset');
  await expect(page.getByTestId('admin-twofactor-status')).toContainText('Authenticator app: not set up');
  await signOut(page);

  // Company 2FA is off in this test: with the authenticator gone, the password alone is enough.
  await submitPassword(page, member.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(admin.company);
});
