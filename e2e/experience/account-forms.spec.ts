/**
 * Issue 9 #2 and #3 on Account › Security: a failed submit keeps what the user typed or chose,
 * ties the error to its field and moves focus there; a success says what was done. One test per
 * form. Each starts outside the re-authentication window (moved back in the database) where the
 * form asks for the password.
 */
import { expect, test, type Page } from '@playwright/test';
import { enableTotp, PASSWORD, saveCodesAndContinue, signUpNewCompany } from '../helpers';
import { closeReauthWindow, requireCompanyTwoFactor } from './account-helpers';

const NEW_PASSWORD = 'violet harbour compass 1987 kettle';

async function securityPage(page: Page) {
  await page.goto('/account/security');
  return page;
}

test('enable: a wrong code keeps it, marks it and focuses it', async ({ page }) => {
  await signUpNewCompany(page);
  await securityPage(page);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const form = page.getByRole('form', { name: 'Enable two-factor authentication' });
  await form.getByLabel('Password').fill(PASSWORD);
  const code = form.getByLabel('6-digit code from the app');
  await code.fill('000000');
  await form.getByRole('button', { name: 'Enable Two-Factor Authentication' }).click();
  await expect(form.getByRole('alert')).toContainText(/not right|change every 30 seconds/);
  await expect(code).toBeFocused();
  await expect(code).toHaveValue('000000');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription(/.+/);
});

test('regenerate: a wrong password is tied to the field and focused; a right one shows the codes', async ({ page }) => {
  const account = await signUpNewCompany(page);
  await enableTotp(page);
  await saveCodesAndContinue(page);
  await closeReauthWindow(account.email);
  await securityPage(page);
  const form = page.getByRole('form', { name: 'Create new backup codes' });
  const password = form.getByLabel('Password');
  await password.fill('not my password');
  await form.getByRole('button', { name: 'Regenerate Recovery Codes' }).click();
  await expect(form.getByRole('alert')).toContainText('That password is not right.');
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/not right/);
  await password.fill(PASSWORD);
  await form.getByRole('button', { name: 'Regenerate Recovery Codes' }).click();
  await expect(page.getByTestId('backup-code')).toHaveCount(10);
});

test('disable: no password is an error on the field, with focus on it; 2FA stays on', async ({ page }) => {
  const account = await signUpNewCompany(page);
  await enableTotp(page);
  await saveCodesAndContinue(page);
  await closeReauthWindow(account.email);
  await securityPage(page);
  const form = page.getByRole('form', { name: 'Disable two-factor authentication' });
  await form.getByRole('button', { name: 'Disable' }).click();
  const password = form.getByLabel('Password');
  await expect(form.getByRole('alert')).toContainText('Confirm your password');
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('twofactor-status')).toContainText('On since');
});

test('preferred method: after an error the radio stays on the choice, and "Saved" names the new method', async ({
  page,
}) => {
  const account = await signUpNewCompany(page);
  await enableTotp(page);
  await saveCodesAndContinue(page);
  await requireCompanyTwoFactor(account.email);
  await securityPage(page);
  const form = page.getByRole('form', { name: 'Preferred method' });
  await expect(form.getByLabel('Authenticator app')).toBeChecked();
  const email = form.getByLabel(/A code by email/);
  await email.check();
  await form.getByRole('button', { name: 'Save' }).click();
  const password = form.getByLabel('Password');
  await expect(form.getByRole('alert')).toContainText('Confirm your password');
  await expect(password).toBeFocused();
  await expect(email).toBeChecked();
  await password.fill(PASSWORD);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. Sign-in will ask for a sign-in code by email first.');
  await expect(email).toBeChecked();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Preferred method' }).getByLabel(/A code by email/)).toBeChecked();
});

test('security question: the chosen question and the answer survive an error; focus on the password', async ({
  page,
}) => {
  await signUpNewCompany(page);
  await securityPage(page);
  const form = page.getByRole('form', { name: 'Security question' });
  const question = form.getByLabel('Question', { exact: true });
  await question.selectOption({ index: 2 });
  const chosen = await question.inputValue();
  await form.getByLabel('Answer').fill('Rusty Corolla');
  const password = form.getByLabel('Password');
  await password.fill('wrong password');
  await form.getByRole('button', { name: 'Save security question' }).click();
  await expect(form.getByRole('alert')).toContainText('That password is not right.');
  await expect(password).toBeFocused();
  await expect(question).toHaveValue(chosen);
  await expect(form.getByLabel('Answer')).toHaveValue('Rusty Corolla');

  // A question of the user's own that is too short: the list stays on "Write my own", the text stays.
  await question.selectOption('custom');
  await form.getByLabel('Your question').fill('Pet?');
  await form.getByRole('button', { name: 'Save security question' }).click();
  await expect(form.getByLabel('Your question')).toBeFocused();
  await expect(form.getByLabel('Your question')).toHaveValue('Pet?');
  await expect(question).toHaveValue('custom');
  await password.fill(PASSWORD);
  await question.selectOption({ index: 2 });
  await form.getByRole('button', { name: 'Save security question' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByTestId('question-status')).toContainText('Set on');
});

test('change password: a wrong current password keeps the new one and focuses the current one', async ({ page }) => {
  await signUpNewCompany(page);
  await securityPage(page);
  const form = page.getByRole('form', { name: 'Change password' });
  const current = form.getByLabel('Current password');
  const fresh = form.getByLabel('New password');
  await current.fill('not my password');
  await fresh.fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('That password is not right.');
  await expect(current).toBeFocused();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(fresh).toHaveValue(NEW_PASSWORD);
  await current.fill(PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toContainText('Saved. Your password is changed');
  await expect(fresh).toHaveValue('');
});

test('sessions: signing out another session is announced', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  const other = await browser.newContext();
  const laptop = await other.newPage();
  await laptop.goto('/login');
  await laptop.getByLabel('Email or username').fill(account.email);
  await laptop.getByLabel('Password').fill(PASSWORD);
  await laptop.getByRole('button', { name: 'Sign in' }).click();
  await expect(laptop.getByTestId('company-name')).toBeVisible();
  await securityPage(page);
  const sessions = page.getByTestId('sessions');
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await sessions.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('form', { name: 'Sign out other sessions' }).getByRole('status')).toHaveText(
    'Signed out.',
  );
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await other.close();
});
