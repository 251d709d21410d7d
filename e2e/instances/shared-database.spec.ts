import { expect, test, type Page } from '@playwright/test';
import { CHALLENGE_MAX_ATTEMPTS, SECOND_FACTOR_FAILURES_PER_ACCOUNT } from '../../lib/limits';
import { startApp, type AppProcess } from '../app-process';
import { APP_URL, appServerEnv } from '../config';
import { e2eDatabaseUrl, e2eSecrets } from '../db';
import { freePort } from '../../lib/db/embedded';
import { enableTotp, PASSWORD, saveCodesAndContinue, signOut, signUpNewCompany, submitPassword } from '../helpers';

/**
 * Two app instances on one PostgreSQL, as behind a load balancer: A is the e2e server, B a second
 * `npm start` on the same database with the same secrets. Both are 127.0.0.1, so a browser's
 * cookies reach either one, like a client whose requests the balancer spreads.
 */
test.describe.configure({ mode: 'default' }); // one B for the file, its tests in order
let b: AppProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const { AUTH_SECRET, APP_ENCRYPTION_KEY } = e2eSecrets();
  b = await startApp(port, {
    ...appServerEnv(`http://127.0.0.1:${port}`),
    NODE_ENV: 'production',
    DATABASE_URL: e2eDatabaseUrl(),
    AUTH_SECRET,
    APP_ENCRYPTION_KEY,
  });
});
test.afterAll(async () => b?.stop());

/** Step one on `origin`, waiting for the code page the answer opens. */
async function startSignIn(page: Page, email: string, origin: string): Promise<void> {
  await submitPassword(page, email, PASSWORD, origin);
  await expect(page).toHaveURL(`${origin}/login/verify`);
}

/** Step two on `origin`, in whichever browser began the sign-in. */
async function enterCode(page: Page, origin: string, code: string): Promise<void> {
  await page.goto(`${origin}/login/verify`);
  await page.getByLabel('Authenticator code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

const triesLeft = (n: number) => new RegExp(`\\b${n} tr(y|ies) left`);

test('a sign-in begun on one instance finishes on the other', async ({ page }) => {
  const account = await signUpNewCompany(page);
  const { device } = await enableTotp(page);
  await saveCodesAndContinue(page);
  await signOut(page);

  await startSignIn(page, account.email, APP_URL);
  await enterCode(page, b.url, await device.nextCode());
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  expect(page.url()).toBe(`${b.url}/`);
  await page.goto(`${APP_URL}/account/security`);
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
});

test('a TOTP code used on one instance is refused on the other', async ({ page }) => {
  const account = await signUpNewCompany(page);
  const { device } = await enableTotp(page);
  await saveCodesAndContinue(page);
  await signOut(page);

  const code = await device.nextCode();
  await startSignIn(page, account.email, APP_URL);
  await enterCode(page, APP_URL, code);
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  await signOut(page);

  await startSignIn(page, account.email, b.url);
  await enterCode(page, b.url, code);
  await expect(page.getByTestId('form-error')).toContainText('already used');
  expect(page.url()).toBe(`${b.url}/login/verify`);
});

test('wrong codes on both instances add up to one limit', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  const { device } = await enableTotp(page);
  await saveCodesAndContinue(page);
  await signOut(page);
  const half = Math.floor(SECOND_FACTOR_FAILURES_PER_ACCOUNT / 2);

  // One sign-in whose wrong codes alternate between the instances: one count for the sign-in.
  await startSignIn(page, account.email, APP_URL);
  for (let tries = 1; tries <= half; tries++) {
    await enterCode(page, tries % 2 ? APP_URL : b.url, '000000');
    await expect(page.getByTestId('form-error')).toContainText(triesLeft(CHALLENGE_MAX_ATTEMPTS - tries));
  }
  // A second device signs in on B: a sign-in of its own, the same account.
  const phone = await (await browser.newContext()).newPage();
  await startSignIn(phone, account.email, b.url);
  for (let tries = 1; tries <= SECOND_FACTOR_FAILURES_PER_ACCOUNT - half; tries++) {
    await enterCode(phone, b.url, '000000');
    await expect(phone.getByTestId('form-error')).toContainText(triesLeft(CHALLENGE_MAX_ATTEMPTS - tries));
  }
  // No instance and no sign-in saw the account's limit alone; together they reached it, so even
  // the right code is refused now, on either instance.
  await enterCode(page, APP_URL, await device.nextCode());
  await expect(page.getByTestId('form-error')).toContainText('Too many wrong codes for this account');
  await enterCode(phone, b.url, await device.nextCode());
  await expect(phone.getByTestId('form-error')).toContainText('Too many wrong codes for this account');
  await phone.context().close();
});

test('a session signed out on one instance is refused by the other', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  const laptop = await (
    await browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' })
  ).newPage();
  await submitPassword(laptop, account.email, PASSWORD);
  await expect(laptop.getByTestId('company-name')).toBeVisible();
  await laptop.goto(`${b.url}/account/security`);
  await expect(laptop.getByTestId('company-name')).toBeVisible();

  await page.goto(`${b.url}/account/security`);
  const firefox = page.getByTestId('sessions').getByRole('listitem').filter({ hasText: 'Firefox on Linux' });
  await firefox.getByRole('button', { name: 'Sign out' }).click();
  await expect(firefox).toHaveCount(0);

  await laptop.goto(`${APP_URL}/account/security`);
  await expect(laptop).toHaveURL(`${APP_URL}/login?ended=ended`);
  await expect(laptop.getByTestId('form-success')).toContainText('You were signed out');
  await laptop.context().close();
});
