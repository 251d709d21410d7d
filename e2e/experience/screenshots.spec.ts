import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { seedMember } from '../db';
import { enableTotp, saveCodesAndContinue, signUpNewCompany } from '../helpers';

/**
 * The README's screenshots, made by the e2e run from a signed-in admin with 2FA on: the Security
 * page at desktop width, the same page on a phone (the navigation folded into the menu) and in dark mode.
 */
const DIR = 'docs/screenshots';

test('screenshots for the README: desktop, phone and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString('hex');
  const account = await signUpNewCompany(page, {
    name: 'Ada Lovelace',
    company: 'Acme Corp',
    email: `ada.lovelace.${tag}@acme.example`,
  });
  await seedMember(account.email, { name: 'Grace Hopper' });
  await enableTotp(page);
  await saveCodesAndContinue(page);

  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, '/account/security', 'desktop.png');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, '/account/security', 'dark.png');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, '/account/security', 'phone.png');
});

async function shoot(page: Page, path: string, file: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: `${DIR}/${file}`, animations: 'disabled' });
}
