import { expect, test } from '@playwright/test';
import { seedMember } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';
import { configureTotpFor } from './helpers';

test('an admin sets up an authenticator for a user on their own screen; the user then signs in with a TOTP code', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);

  const device = await configureTotpFor(page, member.id);
  await expect(page.getByTestId('totp-key')).toHaveCount(0);
  await expect(page.getByTestId('backup-codes-note')).toContainText('Backup codes are never shown to admins');
  await page.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  await expect(page.getByTestId('user-row')).toHaveCount(1);
  await expect(page.getByTestId('twofactor-method')).toHaveText('Authenticator app');
  await signOut(page);

  await submitPassword(page, member.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify$/);
  await page.getByLabel('Authenticator code').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(admin.company);
});
