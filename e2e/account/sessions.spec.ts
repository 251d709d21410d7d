import { expect, test } from '@playwright/test';
import { PASSWORD, signUpNewCompany, submitPassword } from '../helpers';

test('a user sees where they are signed in and signs another device out', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  const laptop = await (
    await browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' })
  ).newPage();
  await submitPassword(laptop, account.email, PASSWORD);
  await expect(laptop.getByTestId('company-name')).toBeVisible();

  await page.goto('/account/security');
  const sessions = page.getByTestId('sessions');
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions).toContainText('This device');
  const firefox = sessions.getByRole('listitem').filter({ hasText: 'Firefox on Linux' });
  await firefox.getByRole('button', { name: 'Sign out' }).click();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);

  await laptop.goto('/account/security');
  await expect(laptop).toHaveURL(/\/login\?ended=ended$/);
  await expect(laptop.getByTestId('form-success')).toContainText('You were signed out');
});

test('changing the password signs out other devices; the new password works', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  const laptop = await (await browser.newContext()).newPage();
  await submitPassword(laptop, account.email, PASSWORD);
  await expect(laptop.getByTestId('company-name')).toBeVisible();

  await page.goto('/account/security');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password').fill('violet harbour compass 1987 kettle');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('That password is not right.');
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password').fill('violet harbour compass 1987 kettle');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByTestId('form-success')).toContainText('Your password is changed');

  await laptop.goto('/account/security');
  await expect(laptop).toHaveURL(/\/login\?ended=ended$/);
  await submitPassword(laptop, account.email, PASSWORD);
  await expect(laptop.getByTestId('form-error')).toBeVisible();
  await submitPassword(laptop, account.email, 'violet harbour compass 1987 kettle');
  await expect(laptop.getByTestId('company-name')).toBeVisible();
  await laptop.context().close();
});
