/**
 * Issue 9 #4, #10, #11 for backup codes: the browser's own print of the codes screen is the one-page
 * sheet (every code once, the account and the date, no buttons); the Print button's sheet is a
 * dialog; without JavaScript enabling the authenticator shows the ten codes once, from the
 * action's answer; the whole enrolment works with the keyboard alone; copying is announced.
 */
import { expect, test, type Page } from '@playwright/test';
import { enableTotp, PASSWORD, signUpNewCompany, TotpDevice } from '../helpers';
import { tabTo } from './account-helpers';

async function pdfPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  return pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
}

test('the browser’s own print of the codes screen is one A4 page with every code once and no buttons', async ({
  page,
}) => {
  const account = await signUpNewCompany(page);
  const { codes } = await enableTotp(page);
  await page.emulateMedia({ media: 'print' });
  for (const code of codes)
    await expect(page.getByText(code, { exact: true }).filter({ visible: true })).toHaveCount(1);
  await expect(page.getByText(`Account: ${account.email}`)).toBeVisible();
  await expect(page.getByText(/^Created: \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await expect(page.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('link')).toHaveCount(0);
  expect(await pdfPages(page)).toBe(1);
});

test('Print opens the sheet as a dialog: focus inside, the codes behind inert, Escape returns to Print', async ({
  page,
}) => {
  await signUpNewCompany(page);
  await enableTotp(page);
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-print-called', 'yes');
  });
  const print = page.getByRole('button', { name: 'Print', exact: true });
  await print.click();
  const sheet = page.getByRole('dialog', { name: 'Latchkey backup codes' });
  await expect(sheet).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-print-called', 'yes');
  await expect(sheet.getByRole('heading', { name: 'Latchkey backup codes' })).toBeFocused();
  // Behind the sheet nothing can be reached by Tab.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    // On the sheet, or past its last button out to the browser itself (the body), never behind it.
    const where = await page.evaluate(() =>
      document.activeElement?.closest('[data-print-sheet]') ? 'sheet' : document.activeElement?.tagName,
    );
    expect(['sheet', 'BODY']).toContain(where);
  }
  const copy = page.getByRole('button', { name: 'Copy', exact: true });
  expect(await copy.evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
  // The same single page as the browser's own print.
  expect(await pdfPages(page)).toBe(1);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(print).toBeFocused();
});

test('without JavaScript, enabling the authenticator shows the ten codes once, and not again on reload', async ({
  page,
  browser,
}) => {
  await signUpNewCompany(page);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await context.newPage();
  await plain.goto('/account/security');
  await plain.getByRole('button', { name: 'Set up authenticator app' }).click();
  const key = (await plain.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  const form = plain.getByRole('form', { name: 'Enable two-factor authentication' });
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByLabel('6-digit code from the app').fill(await new TotpDevice(key).nextCode());
  await form.getByRole('button', { name: 'Enable Two-Factor Authentication' }).click();

  await expect(plain.getByRole('heading', { name: 'Save your backup codes' })).toBeVisible();
  const codes = await plain.getByTestId('backup-code').allTextContents();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  for (const code of codes)
    await expect(plain.getByText(code, { exact: true }).filter({ visible: true })).toHaveCount(1);

  await plain.reload();
  await expect(plain.getByTestId('backup-code')).toHaveCount(0);
  for (const code of codes) await expect(plain.getByText(code)).toHaveCount(0);
  await plain.goto('/account/security');
  await expect(plain.getByTestId('twofactor-status')).toContainText('On since');
  await expect(plain.getByTestId('backup-code')).toHaveCount(0);
  await context.close();
});

test('keyboard only: set up the authenticator, enable it, print and copy the codes, continue', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUpNewCompany(page);
  await page.goto('/account/security');
  await tabTo(page, /^Set up authenticator app$/);
  await page.keyboard.press('Enter');
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  await tabTo(page, /^Password/);
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('6-digit code from the app')).toBeFocused();
  await page.keyboard.type(await new TotpDevice(key).nextCode());
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Save your backup codes' })).toBeFocused();
  const codes = await page.getByTestId('backup-code').allTextContents();
  expect(codes).toHaveLength(10);
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-print-called', 'yes');
  });
  await tabTo(page, /^Print$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Latchkey backup codes' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeFocused();

  await tabTo(page, /^Copy$/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('dialog', { name: 'Save your backup codes' }).getByRole('status')).toHaveText('Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const code of codes) expect(copied).toContain(code);

  await tabTo(page, /I have saved these codes/);
  await page.keyboard.press('Space');
  await tabTo(page, /^Continue$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('twofactor-status')).toContainText('On since');
});
