import { expect, test } from '@playwright/test';
import { closeReauthWindow } from '../experience/account-helpers';
import {
  enableTotp,
  PASSWORD,
  saveCodesAndContinue,
  signOut,
  signUpNewCompany,
  submitPassword,
  waitForMessage,
} from '../helpers';

test('enable with a code, then sign in with a TOTP code; the same code replayed is refused', async ({ page }) => {
  const account = await signUpNewCompany(page);
  const { device, codes } = await enableTotp(page);
  expect(codes).toHaveLength(10);
  await saveCodesAndContinue(page);
  await expect(page.getByTestId('twofactor-status')).toContainText('On since');
  await expect(page.getByTestId('twofactor-status')).toContainText('10 backup codes left');
  await signOut(page);

  await submitPassword(page, account.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify$/);
  await expect(page.getByText('Enter the authenticator code from your app.')).toBeVisible();
  // A partly signed-in browser reaches nothing else.
  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/login$/);
  await submitPassword(page, account.email, PASSWORD);

  const code = await device.nextCode();
  await page.getByLabel('Authenticator code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  await signOut(page);

  await submitPassword(page, account.email, PASSWORD);
  await page.getByLabel('Authenticator code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toContainText('already used');
  await expect(page).toHaveURL(/\/login\/verify$/);
});

test('a wrong code during setup explains why and keeps the same QR key', async ({ page }) => {
  await signUpNewCompany(page);
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up' }).click();
  const key = await page.getByTestId('totp-key').textContent();
  const form = page.getByRole('form', { name: 'Enable two-factor authentication' });
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByLabel('6-digit code from the app').fill('000000');
  await page.getByRole('button', { name: 'Enable Two-Factor Authentication' }).click();
  await expect(page.getByText(/change every 30 seconds/).first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('totp-key')).toHaveText(key!);
});

test('backup codes: sign in with one, the same one again fails clearly, regenerate invalidates the old set', async ({
  page,
}) => {
  const account = await signUpNewCompany(page);
  const { codes } = await enableTotp(page);
  await saveCodesAndContinue(page);
  await signOut(page);

  await submitPassword(page, account.email, PASSWORD);
  await page.getByRole('link', { name: 'Use Backup Code' }).click();
  await page.getByLabel('Backup code').fill(codes[0].toLowerCase());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('You signed in with a backup code. You have 9 backup codes left.')).toBeVisible();
  // The email goes once the session exists, after the response.
  const mail = await waitForMessage(account.email, (m) => m.subject === 'A backup code was used to sign in');
  expect(mail.text).toContain('You have 9 backup codes left');
  await signOut(page);

  await submitPassword(page, account.email, PASSWORD);
  await page.getByRole('link', { name: 'Use Backup Code' }).click();
  await page.getByLabel('Backup code').fill(codes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toContainText('already been used');

  await page.getByLabel('Backup code').fill(codes[1]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toBeVisible();

  // Signing in with a second factor just now confirmed it's this user: no password is asked (issue 9).
  await page.goto('/account/security');
  await expect(page.locator('#regenerate-password')).toHaveCount(0);
  await page.getByRole('button', { name: 'Regenerate Recovery Codes' }).click();
  await expect(page.getByRole('heading', { name: 'Save your backup codes' })).toBeVisible();
  const fresh = await page.getByTestId('backup-code').allTextContents();
  expect(fresh).not.toContain(codes[2]);
  await saveCodesAndContinue(page);
  await signOut(page);

  await submitPassword(page, account.email, PASSWORD);
  await page.getByRole('link', { name: 'Use Backup Code' }).click();
  await page.getByLabel('Backup code').fill(codes[2]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toContainText('isn’t right');
  await page.getByLabel('Backup code').fill(fresh[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toBeVisible();
});

test('disable: a wrong password fails, the right one turns 2FA off', async ({ page }) => {
  const account = await signUpNewCompany(page);
  await enableTotp(page);
  await saveCodesAndContinue(page);
  // Past the 10 minutes the enabling password covers, Disable asks for the password again.
  await closeReauthWindow(account.email);
  await page.reload();

  await page.locator('#disable-password').fill('not my password');
  await page.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByText('That password is not right.').first()).toBeVisible();
  await expect(page.getByTestId('twofactor-status')).toContainText('On since');

  await page.locator('#disable-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Two-factor authentication is off.');
  await expect(page.getByTestId('twofactor-status')).toContainText('Off');
  await signOut(page);
  await submitPassword(page, account.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
});

test('the one-time codes view: continue waits for saving, the print view shows the codes, a reload cannot show them again', async ({
  page,
}) => {
  const account = await signUpNewCompany(page);
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-print-called', 'yes');
  });
  const { codes } = await enableTotp(page);
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-print-called', 'yes');
  });
  const cont = page.getByRole('button', { name: 'Continue' });
  await expect(cont).toBeDisabled();
  await page.getByLabel('I have saved these codes').check();
  await expect(cont).toBeDisabled();

  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-print-called', 'yes');
  await page.emulateMedia({ media: 'print' });
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toContainText('Latchkey backup codes');
  await expect(sheet).toContainText(account.email);
  for (const code of codes) await expect(sheet).toContainText(code);
  await expect(page.getByTestId('company-name')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Back to the codes' }).click();
  await expect(cont).toBeEnabled();

  expect(page.url()).toMatch(/\/account\/security\/backup-codes$/);
  page.once('dialog', (dialog) => dialog.accept());
  const response = await page.reload();
  expect(response?.headers()['cache-control']).toContain('no-store');
  await expect(page.getByRole('heading', { name: 'Backup codes can’t be shown again' })).toBeVisible();
  await expect(page.getByText(codes[0])).toHaveCount(0);
});

test('a security question is set with the password and shows only its date', async ({ page }) => {
  await signUpNewCompany(page);
  await page.goto('/account/security');
  await expect(page.getByTestId('question-status')).toContainText('Not set');
  await page.getByLabel('Question', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Answer').fill('  Paris  ');
  await page.locator('#question-password').fill('wrong password');
  await page.getByRole('button', { name: 'Save security question' }).click();
  await expect(page.getByText('That password is not right.').first()).toBeVisible();
  await page.getByLabel('Answer').fill('  Paris  ');
  await page.locator('#question-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save security question' }).click();
  await expect(page.getByTestId('question-status')).toContainText('Set on');
  await expect(page.getByText('Paris')).toHaveCount(0);
});
