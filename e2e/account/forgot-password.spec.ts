import { expect, test } from '@playwright/test';
import {
  enableTotp,
  saveCodesAndContinue,
  signOut,
  signUpNewCompany,
  submitPassword,
  waitForMessage,
} from '../helpers';

const NEW_PASSWORD = 'violet harbour compass 1987 kettle';

test('a forgotten password is reset through an emailed link, and the second factor is still asked for', async ({
  page,
}) => {
  const account = await signUpNewCompany(page);
  const { device } = await enableTotp(page);
  await saveCodesAndContinue(page);
  await signOut(page);

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email').fill('nobody-at-all@example.com');
  await expect(page.getByLabel('Email')).toHaveValue('nobody-at-all@example.com');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  const neutral = await page.getByTestId('form-success').textContent();

  const since = Date.now();
  await page.goto('/forgot-password');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  // The same answer whether or not the account exists.
  await expect(page.getByTestId('form-success')).toHaveText(neutral!);

  const mail = await waitForMessage(
    account.email,
    (m) => m.at >= since && m.subject === 'Reset your Latchkey password',
  );
  const link = mail.text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/)![0];
  await page.goto(new URL(link).pathname);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Your password is changed. Sign in with the new one.')).toBeVisible();

  await submitPassword(page, account.email, NEW_PASSWORD);
  await expect(page.getByText('Enter the authenticator code from your app.')).toBeVisible();
  await page.getByLabel('Authenticator code').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(account.company);

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
});
