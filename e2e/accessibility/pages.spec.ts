import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { enableTotp, PASSWORD, saveCodesAndContinue, signOut, signUpNewCompany, submitPassword } from '../helpers';

/** Serious and critical WCAG 2.1 A/AA problems on the page as it is now. */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the main pages have no serious accessibility problems', async ({ page }) => {
  for (const path of ['/login', '/signup', '/forgot-password']) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
  const account = await signUpNewCompany(page);
  for (const path of [
    '/',
    '/account/security',
    '/admin/users',
    '/admin/company',
    '/admin/users/invite',
    '/admin/activity',
  ]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up' }).click();
  await expect(page.getByTestId('totp-key')).toBeVisible();
  expect(await violations(page), 'setup').toEqual([]);
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Cancel setup' }).click();
  await expect(page.getByRole('button', { name: 'Set up' })).toBeVisible();
  await enableTotp(page);
  expect(await violations(page), 'backup codes').toEqual([]);
  await saveCodesAndContinue(page);
  await signOut(page);
  await submitPassword(page, account.email, PASSWORD);
  expect(await violations(page), 'challenge').toEqual([]);
});
