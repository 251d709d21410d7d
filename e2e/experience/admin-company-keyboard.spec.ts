import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { openConfirmed } from '../admin/helpers';

/** Presses Tab until `target` has the focus (the way a keyboard user gets there). */
async function tabTo(page: Page, target: Locator, most = 60) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached with Tab');
}

test('keyboard only: the admin turns two-factor authentication on for the company, reads the warning and stays on the Company page', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  await seedMember(admin.email, { mobile: '+447700900123' });
  await seedMember(admin.email);
  await openConfirmed(page, '/admin/company');

  // From here on: Tab, Enter and Space only.
  const configure = page.getByRole('button', { name: 'Configure' });
  await tabTo(page, configure);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '2F Authentication' });
  await expect(dialog).toBeVisible();
  const enable = dialog.getByLabel('Enable 2FA');
  await tabTo(page, enable);
  await page.keyboard.press('Space');
  await expect(enable).toBeChecked();

  const warning = dialog.getByTestId('company-2fa-on-warning');
  await expect(warning).toContainText(
    'All 3 users will be asked for a second factor at their next sign-in; anyone signed in now, you included, on their next page.',
  );
  await expect(warning).toContainText(
    '3 users have no authenticator app: they get a sign-in code by SMS (1) or by email (2).',
  );
  await expect(enable).toHaveAccessibleDescription(/All 3 users will be asked/);

  await tabTo(page, dialog.getByRole('button', { name: 'Save' }));
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ has: page.getByTestId('company-2fa-saved') })).toContainText(
    'Saved. Two-factor authentication is on for the company.',
  );
  await expect(page).toHaveURL(/\/admin\/company$/);
  await expect(page.getByTestId('company-2fa-status')).toContainText(
    'On: every user must pass a second factor; methods: SMS/Email, authenticator app.',
  );
  await expect(configure).toBeFocused();
});
