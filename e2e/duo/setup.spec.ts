import { expect, test } from '@playwright/test';
import { APP_URL } from '../config';
import { seedMember } from '../db';
import { accessibilityProblems, openConfirmed } from '../admin/helpers';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';
import { duoScript, enterEmailedCode, configureFakeDuo } from './helpers';

test('a user does Duo Setup in a new tab: the phone is activated, and the first tab shows Duo without a reload', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  await configureFakeDuo(admin.email);
  const member = await seedMember(admin.email);
  const context = await browser.newContext();
  try {
    const security = await context.newPage();
    const since = Date.now();
    await submitPassword(security, member.email, PASSWORD);
    await enterEmailedCode(security, member.email, since);
    await expect(security.getByTestId('company-name')).toBeVisible();
    await security.goto('/account/security');
    const duo = security.getByRole('radio', { name: /^Duo/ });
    await expect(duo).toBeDisabled();
    // A mark on this page: still there at the end means it was never reloaded.
    await security.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const [setup] = await Promise.all([
      context.waitForEvent('page'),
      security.getByRole('link', { name: /Duo Setup/ }).click(),
    ]);
    await expect(setup).toHaveURL(/\/account\/duo-setup$/);
    // The barcode comes from our own origin (the CSP allows no image from Duo) and loads.
    const barcode = setup.getByRole('img', { name: /Duo activation barcode/ });
    await expect(barcode).toBeVisible();
    expect(await barcode.evaluate((img: HTMLImageElement) => new URL(img.src).origin)).toBe(new URL(APP_URL).origin);
    await expect
      .poll(() => barcode.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await expect(setup.getByTestId('duo-activation-link')).toHaveAttribute('href', /^https:\/\//);
    await expect(setup.getByTestId('duo-setup-status')).toContainText('Waiting for the phone');

    // The person scans the barcode with Duo Mobile.
    await duoScript('activate', { username: member.email });
    await expect(setup.getByTestId('duo-setup-status')).toContainText('Your phone is activated', { timeout: 15_000 });

    // The first tab learns it by itself.
    await expect(security.getByTestId('duo-method-status')).toContainText('Duo is your preferred method');
    await expect(security.getByRole('radio', { name: /^Duo/ })).toBeChecked();
    expect(await security.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  } finally {
    await context.close();
  }
});

test('Duo Setup for a user Duo already knows confirms at once', async ({ page, browser }) => {
  const admin = await signUpNewCompany(page);
  await configureFakeDuo(admin.email);
  const member = await seedMember(admin.email);
  await duoScript('users', { username: member.email, status: 'auth' });
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const since = Date.now();
    await submitPassword(tab, member.email, PASSWORD);
    await enterEmailedCode(tab, member.email, since);
    await expect(tab.getByTestId('company-name')).toBeVisible();
    await tab.goto('/account/duo-setup');
    await expect(tab.getByTestId('duo-setup-status')).toContainText('Duo already knows you');
    await tab.goto('/account/security');
    await expect(tab.getByRole('radio', { name: /^Duo/ })).toBeChecked();
  } finally {
    await context.close();
  }
});

test('an admin runs Duo Setup for a user beside them, under the Duo username they set', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  await configureFakeDuo(admin.email);
  const member = await seedMember(admin.email);
  // Requiring 2FA applies to the admin's own session too: it passes its second factor first.
  const since = Date.now();
  await page.goto('/login/step-up');
  await page.getByRole('button', { name: 'Continue' }).click();
  await enterEmailedCode(page, admin.email, since);
  await expect(page.getByTestId('company-name')).toBeVisible();
  await openConfirmed(page, `/admin/users/${member.id}`);

  await page.getByLabel('Duo username (optional)').fill(`jdoe-${member.id.slice(0, 8)}`);
  await page.getByRole('button', { name: 'Save Duo username' }).click();
  await expect(page.getByTestId('admin-duo-status')).toContainText(`jdoe-${member.id.slice(0, 8)}`);

  await page.getByRole('button', { name: 'Duo Setup' }).click();
  await expect(page.getByText('Scan the barcode below with Duo Mobile')).toBeVisible();
  const barcode = page.getByRole('img', { name: /Duo activation barcode/ });
  await expect
    .poll(() => barcode.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await duoScript('activate', { username: `jdoe-${member.id.slice(0, 8)}` });
  await expect(page.getByTestId('duo-setup-status')).toContainText('Their phone is activated', { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId('admin-duo-status')).toContainText('Duo is their preferred method');
});

test('the Duo Setup page fits a phone and passes axe, in light and dark', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme });
    try {
      const page = await context.newPage();
      const admin = await signUpNewCompany(page);
      await configureFakeDuo(admin.email);
      const member = await seedMember(admin.email);
      await signOut(page);
      const since = Date.now();
      await submitPassword(page, member.email, PASSWORD);
      await enterEmailedCode(page, member.email, since);
      await expect(page.getByTestId('company-name')).toBeVisible();
      await page.goto('/account/duo-setup');
      await expect(page.getByRole('img', { name: /Duo activation barcode/ })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await accessibilityProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }
});
