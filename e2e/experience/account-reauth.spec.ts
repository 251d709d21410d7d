/**
 * Issue 9 #9: one confirmation covers the sensitive changes of Account › Security for 10 minutes
 * on that session. Inside the window no form asks for the password; after it (moved back in the
 * database) Disable and Regenerate Recovery Codes ask inline, and a right password there opens
 * the window again. The server decides: a form sent without the password after the window closed
 * is refused, whatever the page showed when it was loaded.
 */
import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb } from '../db';
import { enableTotp, PASSWORD, saveCodesAndContinue, signUpNewCompany } from '../helpers';
import { closeReauthWindow } from './account-helpers';

async function totpConfirmed(email: string): Promise<boolean> {
  const [row] = (await e2eDb().execute(sql`select t.confirmed_at from totp_credentials t
    join users u on u.id = t.user_id where u.email = ${email.toLowerCase()}`)) as unknown as Array<{
    confirmed_at: string | null;
  }>;
  return Boolean(row?.confirmed_at);
}

test('inside the window no password is asked; after it Disable and Regenerate ask, and a right one reopens it', async ({
  page,
}) => {
  const account = await signUpNewCompany(page);
  // Enabling with the password confirms it: the window opens.
  await enableTotp(page);
  await saveCodesAndContinue(page);
  await expect(page.getByTestId('reauth-status')).toContainText('changes on this page don’t ask for your password');
  await expect(page.locator('input[name="password"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Regenerate Recovery Codes' }).click();
  await expect(page.getByTestId('backup-code')).toHaveCount(10);
  await saveCodesAndContinue(page);

  await closeReauthWindow(account.email);
  await page.reload();
  await expect(page.getByTestId('reauth-status')).toContainText('ask for your password once');
  const regenerate = page.getByRole('form', { name: 'Create new backup codes' });
  const disable = page.getByRole('form', { name: 'Disable two-factor authentication' });
  await expect(regenerate.getByLabel('Password')).toBeVisible();
  await expect(disable.getByLabel('Password')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Security question' }).getByLabel('Password')).toBeVisible();

  await regenerate.getByLabel('Password').fill(PASSWORD);
  await regenerate.getByRole('button', { name: 'Regenerate Recovery Codes' }).click();
  await expect(page.getByTestId('backup-code')).toHaveCount(10);
  await saveCodesAndContinue(page);
  await expect(page.locator('input[name="password"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('twofactor-status')).toContainText('Off');
  expect(await totpConfirmed(account.email)).toBe(false);
});

test('a form loaded inside the window and sent after it, without a password, is refused', async ({ page }) => {
  const account = await signUpNewCompany(page);
  await enableTotp(page);
  await saveCodesAndContinue(page);
  const disable = page.getByRole('form', { name: 'Disable two-factor authentication' });
  await expect(disable.getByLabel('Password')).toHaveCount(0);

  await closeReauthWindow(account.email);
  await disable.getByRole('button', { name: 'Disable' }).click();
  await expect(disable.getByRole('alert')).toContainText('Confirm your password');
  await expect(disable.getByLabel('Password')).toBeFocused();
  expect(await totpConfirmed(account.email)).toBe(true);
  await page.reload();
  await expect(page.getByTestId('twofactor-status')).toContainText('On since');
});

test('the window is this session’s only: another browser of the same user is still asked', async ({
  page,
  browser,
}) => {
  const account = await signUpNewCompany(page);
  await page.goto('/account/security');
  const question = page.getByRole('form', { name: 'Security question' });
  await question.getByLabel('Answer').fill('Rusty Corolla');
  await question.getByLabel('Password').fill(PASSWORD);
  await question.getByRole('button', { name: 'Save security question' }).click();
  await expect(question.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Security question' }).getByLabel('Password')).toHaveCount(0);

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/login');
  await second.getByLabel('Email or username').fill(account.email);
  await second.getByLabel('Password').fill(PASSWORD);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByTestId('company-name')).toBeVisible();
  await second.goto('/account/security');
  await expect(second.getByRole('form', { name: 'Security question' }).getByLabel('Password')).toBeVisible();
  await other.close();
});
