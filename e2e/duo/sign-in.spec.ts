import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createCompany } from '../../lib/accounts/create-company';
import { hashPassword } from '../../lib/crypto/password';
import { encrypt } from '../../lib/crypto/encryption';
import { companies, users } from '../../lib/db/schema';
import { duoSecretContext } from '../../lib/duo/company-client';
import { FAKE_DUO, FAKES_URL } from '../config';
import { e2eDb } from '../db';
import { PASSWORD, submitPassword, waitForMessage, type FakeMessage } from '../helpers';

// The Duo-down test scripts a fault for the fake's next requests: this file's tests run one after another.
test.describe.configure({ mode: 'default' });

const DEVICE = 'iOS (XXX-XXX-0100)';

async function duo(path: string, body: unknown) {
  const response = await fetch(`${FAKES_URL}/_duo/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

/** A company that requires 2FA with Duo (the fake's keys, written as the admin dialog stores them) and a user who chose Duo. */
async function duoUser(fake: Record<string, unknown> = {}) {
  const db = e2eDb();
  const email = `duo-${randomBytes(4).toString('hex')}@example.com`;
  const user = await createCompany(db, {
    companyName: 'Duo Co',
    name: 'Dana Duo',
    email,
    passwordHash: await hashPassword(PASSWORD),
  });
  await db
    .update(companies)
    .set({
      twoFactorRequired: true,
      allowDuo: true,
      duoIntegrationKey: FAKE_DUO.ikey,
      duoApiHost: FAKE_DUO.host,
      duoSecretKeyEncrypted: encrypt(FAKE_DUO.skey, duoSecretContext(user.companyId)),
    })
    .where(eq(companies.id, user.companyId));
  await db.update(users).set({ preferredMethod: 'duo' }).where(eq(users.id, user.id));
  await duo('users', { username: email, ...fake });
  return email;
}

/** Signs in with the password and sends a Duo Push from the keyboard. */
async function pushFrom(page: Page, email: string) {
  await submitPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  await expect(page.getByTestId('challenge-instruction')).toHaveText('Confirm it’s you with Duo.');
  await page.getByRole('button', { name: `Send Duo Push to ${DEVICE}` }).focus();
  await page.keyboard.press('Enter');
}

test('signs in with an approved Duo Push', async ({ page }) => {
  const email = await duoUser({ push: { outcome: 'allow', delayMs: 2_500 } });
  await pushFrom(page, email);
  await expect(page.getByTestId('duo-status')).toHaveText(`Push sent to ${DEVICE}`);
  await expect(page).toHaveURL(/\/$/, { timeout: 15_000 });
  await expect(page.getByTestId('user-menu')).toBeVisible();
});

test('a denied push and a timed-out push fail with clear messages, and the user can try again', async ({ page }) => {
  const email = await duoUser({ push: { outcome: 'deny', delayMs: 500 } });
  await pushFrom(page, email);
  await expect(page.getByTestId('form-error')).toContainText('The Duo Push was denied. 9 tries left.', {
    timeout: 15_000,
  });
  await duo('push-outcome', { username: email, outcome: 'timeout', delayMs: 500 });
  await page.getByRole('button', { name: `Send Duo Push to ${DEVICE}` }).click();
  await expect(page.getByTestId('form-error')).toContainText(
    'The Duo Push timed out: nobody answered it. 8 tries left.',
    {
      timeout: 15_000,
    },
  );
});

test('a push can be cancelled', async ({ page }) => {
  const email = await duoUser();
  await pushFrom(page, email);
  await expect(page.getByTestId('duo-status')).toHaveText(`Push sent to ${DEVICE}`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('form-error')).toContainText('Cancelled.');
  await expect(page.getByRole('button', { name: `Send Duo Push to ${DEVICE}` })).toBeVisible();
});

test('a passcode from Duo Mobile works, with the keyboard alone, at 390 px in dark mode', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const email = await duoUser({ passcodes: ['314159'] });
  await submitPassword(page, email, PASSWORD);
  const passcode = page.getByRole('textbox', { name: 'Duo passcode' });
  await passcode.fill('000000');
  await passcode.press('Enter');
  await expect(page.getByTestId('form-error')).toContainText('That passcode isn’t right');
  await passcode.fill('314159');
  await passcode.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('Duo down: the user is told and signs in with the emailed code', async ({ page }) => {
  const email = await duoUser();
  await submitPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  // The next answers of the fake are 503s: the page's preauth finds Duo failing.
  await duo('faults', { fail: { count: 2, status: 503 } });
  await page.reload();
  await expect(page.getByTestId('duo-unavailable')).toContainText('Duo isn’t answering right now');
  // Faults left over would meet the next test's Duo.
  await duo('faults', { fail: { count: 0, status: 503 } });
  const since = Date.now();
  await page.getByRole('link', { name: 'Get a sign-in code by email instead' }).click();
  await page.getByRole('button', { name: 'Send code' }).click();
  const message = await waitForMessage(email, (m: FakeMessage) => m.at >= since);
  await page.getByLabel('Sign-in code').fill(message.text.match(/\b(\d{6})\b/)![1]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the Duo page has no WCAG 2.2 AA violations at 390 px in dark mode, waiting for a push included', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const email = await duoUser();
  await submitPassword(page, email, PASSWORD);
  const axe = async () =>
    (
      await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    ).violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect(await axe()).toEqual([]);
  await page.getByRole('button', { name: `Send Duo Push to ${DEVICE}` }).click();
  await expect(page.getByTestId('duo-status')).toHaveText(`Push sent to ${DEVICE}`);
  expect(await axe()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
