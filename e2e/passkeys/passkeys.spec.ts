import { expect, test, type Browser, type Page } from '@playwright/test';
import { startApp, type AppProcess } from '../app-process';
import { APP_PORT, appServerEnv } from '../config';
import { e2eDatabaseUrl, e2eSecrets } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword, waitForMessage } from '../helpers';
import { addAuthenticator, addPasskey, auditTypesFor } from './helpers';

/**
 * WebAuthn refuses IP addresses as relying parties, and the e2e server is http://127.0.0.1:…; these
 * journeys run on a second instance of the same build and database whose public address is
 * http://localhost:… (its APP_URL, hence its RP ID).
 */
const PORT = APP_PORT + 7;
const ORIGIN = `http://localhost:${PORT}`;
test.use({ baseURL: ORIGIN });
test.describe.configure({ mode: 'default' });

let app: AppProcess;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { AUTH_SECRET, APP_ENCRYPTION_KEY } = e2eSecrets();
  app = await startApp(PORT, {
    ...appServerEnv(ORIGIN),
    NODE_ENV: 'production',
    DATABASE_URL: e2eDatabaseUrl(),
    AUTH_SECRET,
    APP_ENCRYPTION_KEY,
  });
});
test.afterAll(async () => app?.stop());

const usePasskey = (page: Page) => page.getByRole('button', { name: 'Use a passkey or security key' });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: ORIGIN });
  return context.newPage();
}

test('add a passkey, sign in with it (offered first), remove it', async ({ page }) => {
  await addAuthenticator(page);
  const account = await signUpNewCompany(page);
  await addPasskey(page, 'Work laptop', PASSWORD);

  await signOut(page);
  await submitPassword(page, account.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify$/);
  await expect(page.getByTestId('challenge-instruction')).toHaveText('Use your passkey or security key.');
  await usePasskey(page).click();
  await expect(page.getByTestId('company-name')).toHaveText(account.company);

  await page.goto('/account/security');
  const row = page.getByTestId('passkey-row').filter({ hasText: 'Work laptop' });
  await expect(row).toContainText('Last used');
  // Signed in with a second factor just now: inside the re-authentication window, no password asked.
  await row.getByRole('button', { name: 'Remove Work laptop' }).click();
  await expect(page.getByTestId('passkey-row')).toHaveCount(0);
  expect(await auditTypesFor(account.email)).toEqual(
    expect.arrayContaining(['passkey.added', 'auth.second_factor_passed', 'passkey.removed']),
  );

  // Without a passkey (and with the company's 2FA off) the password alone signs in again.
  await signOut(page);
  await submitPassword(page, account.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
});

test('a passkey of another account is refused on this account’s sign-in', async ({ page, browser }) => {
  const a = await addAuthenticator(page);
  const accountA = await signUpNewCompany(page);
  await addPasskey(page, 'A’s key', PASSWORD);
  await signOut(page);

  const pageB = await newPage(browser);
  const b = await addAuthenticator(pageB);
  await signUpNewCompany(pageB);
  await addPasskey(pageB, 'B’s key', PASSWORD);
  const { credentials } = await b.cdp.send('WebAuthn.getCredentials', { authenticatorId: b.authenticatorId });

  // The attacker knows A's password and holds B's key: A's authenticator now holds only B's credential,
  // and the browser is made to offer any credential (the list our server sent is dropped).
  await a.cdp.send('WebAuthn.clearCredentials', { authenticatorId: a.authenticatorId });
  await a.cdp.send('WebAuthn.addCredential', { authenticatorId: a.authenticatorId, credential: credentials[0] });
  await page.addInitScript(() => {
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => {
      if (options?.publicKey) delete (options.publicKey as { allowCredentials?: unknown }).allowCredentials;
      return get(options);
    };
  });
  await submitPassword(page, accountA.email, PASSWORD);
  await usePasskey(page).click();
  await expect(page.getByTestId('form-error')).toContainText('not registered to this account');
  await expect(page).toHaveURL(/\/login\/verify$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('a cloned passkey (its counter going backwards) is refused, audited and reported', async ({ page }) => {
  const first = await addAuthenticator(page);
  const account = await signUpNewCompany(page);
  await addPasskey(page, 'Blue key', PASSWORD);
  await signOut(page);
  // One sign-in moves the stored counter past zero.
  await submitPassword(page, account.email, PASSWORD);
  await usePasskey(page).click();
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  await signOut(page);

  const { credentials } = await first.cdp.send('WebAuthn.getCredentials', { authenticatorId: first.authenticatorId });
  expect(credentials[0].signCount).toBeGreaterThan(0);
  // The copy: the same private key in another authenticator, its counter where it was before any use.
  await first.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first.authenticatorId });
  const copy = await addAuthenticator(page);
  await copy.cdp.send('WebAuthn.addCredential', {
    authenticatorId: copy.authenticatorId,
    credential: { ...credentials[0], signCount: 0 },
  });

  await submitPassword(page, account.email, PASSWORD);
  await usePasskey(page).click();
  await expect(page.getByTestId('form-error')).toContainText('looks like a copy');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect(await auditTypesFor(account.email)).toContain('passkey.cloned_refused');
  await waitForMessage(account.email, (m) => m.subject === 'A copied passkey or security key was refused');
});

test('add: without a name or the password nothing is asked of the authenticator, and the field says why', async ({
  page,
}) => {
  const { cdp, authenticatorId } = await addAuthenticator(page);
  await signUpNewCompany(page);
  await page.goto('/account/security');
  const section = page.getByTestId('passkeys-section');
  await section.getByLabel('Name').fill('Laptop');
  await section.getByRole('button', { name: 'Add a passkey or security key' }).click();
  await expect(section.getByTestId('form-error')).toContainText('Confirm your password');
  await expect(section.getByLabel('Password')).toBeFocused();
  await expect(section.getByLabel('Name')).toHaveValue('Laptop');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(0);
  await expect(section.getByTestId('passkey-row')).toHaveCount(0);
});
