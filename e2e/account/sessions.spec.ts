import { expect, test } from '@playwright/test';
import { PASSWORD, signUpNewCompany, submitPassword } from '../helpers';

test('a user sees where they are signed in and signs another device out', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  const laptop = await (await browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' })).newPage();
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
  await expect(laptop).toHaveURL(/\/login$/);
});
