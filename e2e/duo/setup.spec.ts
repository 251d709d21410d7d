import { expect, test } from '@playwright/test';
import { APP_URL } from '../config';
import { seedMember } from '../db';
import { PASSWORD, signUpNewCompany, submitPassword } from '../helpers';
import { duoScript, enterEmailedCode, useFakeDuo } from './helpers';

test('a user does Duo Setup in a new tab: the phone is activated, and the first tab shows Duo without a reload', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  await useFakeDuo(admin.email);
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
    expect(await barcode.evaluate((img: HTMLImageElement) => new URL(img.src).origin)).toBe(
      new URL(APP_URL).origin,
    );
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
  await useFakeDuo(admin.email);
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
