/**
 * Issue 9 #1 and #8 for Account › Security at 390 px and in dark mode: the backup codes (both
 * columns) and the print sheet fit the screen, and the QR code stays dark on light. Screenshots
 * go to test-results/account/ for people to look at.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { enableTotp, signUpNewCompany } from '../helpers';

const SHOTS = 'test-results/account';

async function fitsWidth(page: Page, locator: Locator): Promise<void> {
  const width = page.viewportSize()!.width;
  for (const box of await locator.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, scroll: el.scrollWidth - el.clientWidth };
    }),
  )) {
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(width);
    expect(box.scroll).toBeLessThanOrEqual(0);
  }
}

test.use({ viewport: { width: 390, height: 844 } });

test('at 390 px both columns of backup codes and the print sheet are fully visible', async ({ page }) => {
  await signUpNewCompany(page);
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByTestId('totp-key')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/setup-390.png`, fullPage: true });
  await fitsWidth(page, page.getByTestId('totp-key'));
  await page.getByRole('button', { name: 'Cancel setup' }).click();
  await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible();

  await enableTotp(page);
  const codes = page.getByTestId('backup-code');
  await fitsWidth(page, codes);
  const columns = new Set(
    await codes.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left))),
  );
  expect(columns.size).toBe(2);
  await page.screenshot({ path: `${SHOTS}/codes-390.png` });

  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toBeVisible();
  await fitsWidth(page, sheet.locator('li'));
  await fitsWidth(page, sheet.locator('p'));
  await page.screenshot({ path: `${SHOTS}/print-sheet-390.png` });
});

test('dark mode: the page turns dark, the QR code and the print sheet stay dark on light', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpNewCompany(page);
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const qr = page.locator('svg:has(> title)').locator('..');
  await expect(qr).toBeVisible();
  const background = (el: Element) => getComputedStyle(el).backgroundColor;
  expect(await qr.evaluate(background)).toBe('rgb(255, 255, 255)');
  await page.screenshot({ path: `${SHOTS}/setup-dark.png`, fullPage: true });
  await page.getByRole('button', { name: 'Cancel setup' }).click();
  await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible();
  await enableTotp(page);
  await page.screenshot({ path: `${SHOTS}/codes-dark.png` });
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  expect(await page.getByTestId('print-sheet').evaluate(background)).toBe('rgb(255, 255, 255)');
  await page.screenshot({ path: `${SHOTS}/print-sheet-dark.png` });
});

/** Serious and critical WCAG 2.1 A/AA problems on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe (${colorScheme}, 390 px): setup, an error, the codes, the print dialog and the page with 2FA on`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    const account = await signUpNewCompany(page);
    await page.goto('/account/security');
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const form = page.getByRole('form', { name: 'Enable two-factor authentication' });
    await form.getByRole('button', { name: 'Enable Two-Factor Authentication' }).click();
    await expect(form.getByRole('alert')).not.toBeEmpty();
    expect(await violations(page), 'setup with an error').toEqual([]);
    await page.getByRole('button', { name: 'Cancel setup' }).click();
    await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible();
    await enableTotp(page);
    expect(await violations(page), 'codes').toEqual([]);
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(page.getByTestId('print-sheet')).toBeVisible();
    expect(await violations(page), 'print dialog').toEqual([]);
    await page.keyboard.press('Escape');
    const { closeReauthWindow } = await import('./account-helpers');
    await closeReauthWindow(account.email);
    await page.goto('/account/security');
    expect(await violations(page), 'on, outside the window').toEqual([]);
  });
}
