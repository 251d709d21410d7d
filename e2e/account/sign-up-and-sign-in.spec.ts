import { expect, test } from '@playwright/test';
import {
  isSignUpLink,
  PASSWORD,
  requestSignUp,
  signOut,
  signUpLink,
  signUpNewCompany,
  submitPassword,
  waitForMessage,
} from '../helpers';

test('a new company signs up, signs out, signs in and finds the padlock', async ({ page }) => {
  const account = await signUpNewCompany(page);
  await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();
  await signOut(page);

  await submitPassword(page, account.email, account.password);
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  await page.getByTestId('padlock').click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole('heading', { name: 'Account › Security' })).toBeVisible();
  await signOut(page);

  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/login$/);
});

test('signing in by username works, and bad credentials say the same thing for unknown users', async ({ page }) => {
  const username = `user${Date.now().toString(36)}`;
  await signUpNewCompany(page, { username });
  await signOut(page);

  await submitPassword(page, username, 'not the password at all');
  const wrongPassword = await page.getByTestId('form-error').textContent();
  await expect(page.getByLabel('Email or username')).toHaveValue(username);
  await submitPassword(page, `nobody-${username}@example.com`, 'not the password at all');
  await expect(page.getByTestId('form-error')).toHaveText(wrongPassword ?? 'missing');

  await submitPassword(page, username.toUpperCase(), PASSWORD);
  await expect(page.getByTestId('padlock')).toBeVisible();
});

test('sign-up explains weak and over-long values and keeps what was typed', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Company name').fill('Another Co');
  await page.getByLabel('Your name').fill('Someone');
  await page.getByLabel('Work email').fill(`someone-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/too easy to guess/);
  await expect(page.getByLabel('Company name')).toHaveValue('Another Co');

  // Over-long values are refused before any work, and say what the cap is.
  await page.getByLabel('Work email').fill(`${'a'.repeat(320)}@example.com`);
  await page.getByLabel('Username (optional)').fill('u'.repeat(33));
  await page.getByLabel('Password').fill('p'.repeat(257));
  await page.getByRole('button', { name: 'Create account' }).click();
  // Each message is tied to its field (and listed in the summary above the form).
  await expect(page.getByLabel('Work email')).toHaveAccessibleDescription(/Use at most 320 characters\./);
  await expect(page.getByLabel('Username (optional)')).toHaveAccessibleDescription(/Use at most 32 characters\./);
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/Use at most 256 characters\./);
});

test('sign-up answers “check your email” for a taken address too, tells its owner, and creates nothing', async ({
  page,
}) => {
  const owner = await signUpNewCompany(page);
  await signOut(page);

  const intruder = {
    ...owner,
    email: owner.email.toUpperCase(),
    company: 'Hijack Co',
    password: 'another long passphrase 77',
  };
  await requestSignUp(page, intruder);
  const takenAnswer = await page.getByTestId('form-success').textContent();
  const fresh = { ...intruder, email: `fresh-${Date.now()}@example.com` };
  await requestSignUp(page, fresh);
  const freshAnswer = await page.getByTestId('form-success').textContent();
  expect(takenAnswer?.replace(owner.email, 'ADDRESS')).toBe(freshAnswer?.replace(fresh.email, 'ADDRESS'));

  const notice = await waitForMessage(owner.email, (m) => /tried to create/.test(m.subject ?? ''));
  expect(notice.text).not.toMatch(/\/signup\/confirm\//);
  await submitPassword(page, owner.email, 'another long passphrase 77');
  await expect(page.getByTestId('form-error')).toBeVisible();
  await submitPassword(page, owner.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(owner.company);
});

test('fetching the emailed link creates nothing; its button creates the company and signs in', async ({ page }) => {
  const account = {
    email: `scanned-${Date.now()}@example.com`,
    password: PASSWORD,
    name: 'Sam',
    company: 'Scanned Co',
  };
  await requestSignUp(page, account);
  const link = signUpLink((await waitForMessage(account.email, isSignUpLink)).text);
  // A mail scanner fetches the link, maybe twice.
  expect((await page.request.get(link)).status()).toBe(200);
  expect((await page.request.get(link)).status()).toBe(200);
  await submitPassword(page, account.email, PASSWORD);
  await expect(page.getByTestId('form-error')).toBeVisible();

  await page.goto(link);
  await expect(page.getByTestId('signup-name')).toHaveText('Sam');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByTestId('company-name')).toHaveText('Scanned Co');
  await signOut(page);
  await page.goto(link);
  await expect(page.getByTestId('link-problem')).toContainText('already used');
});

test('a username taken before the link is confirmed can be changed on the confirm page', async ({ page }) => {
  const username = `taken${Date.now().toString(36)}`;
  await signUpNewCompany(page, { username });
  await signOut(page);
  const account = { email: `late-${Date.now()}@example.com`, password: PASSWORD, name: 'Lee', company: 'Late Co' };
  await requestSignUp(page, account, username);
  await expect(page.getByTestId('form-success')).toContainText('Check your email');
  await page.goto(signUpLink((await waitForMessage(account.email, isSignUpLink)).text));
  await expect(page.getByLabel('Username (optional)')).toHaveValue(username);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByLabel('Username (optional)')).toHaveAccessibleDescription(/This username is taken/);
  await page.getByLabel('Username (optional)').fill(`${username}x`);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByTestId('company-name')).toHaveText('Late Co');
  await signOut(page);
  await submitPassword(page, `${username}x`, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText('Late Co');
});

test('a session ended by sign-out cannot be replayed with the old cookie', async ({ page, context }) => {
  await signUpNewCompany(page);
  const cookies = await context.cookies();
  await signOut(page);
  await context.addCookies(cookies);
  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/login\?ended=ended$/);
});

test('the dev outbox does not exist in production', async ({ page }) => {
  const response = await page.goto('/dev/outbox');
  expect(response?.status()).toBe(404);
});

test('pages carry security headers', async ({ page }) => {
  const response = await page.goto('/login');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
  expect(headers['x-content-type-options']).toBe('nosniff');
});

test('no page breaks its own content security policy', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  for (const path of ['/login', '/signup']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await signUpNewCompany(page);
  await page.goto('/account/security');
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
});
