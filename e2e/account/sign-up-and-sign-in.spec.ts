import { expect, test } from '@playwright/test';
import { PASSWORD, signOut, signUpNewCompany, submitPassword } from '../helpers';

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

test('sign-up explains weak passwords and duplicate emails and keeps what was typed', async ({ page }) => {
  const account = await signUpNewCompany(page);
  await signOut(page);

  await page.goto('/signup');
  await page.getByLabel('Company name').fill('Another Co');
  await page.getByLabel('Your name').fill('Someone');
  await page.getByLabel('Work email').fill(account.email.toUpperCase());
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/too easy to guess/)).toBeVisible();
  await expect(page.getByLabel('Company name')).toHaveValue('Another Co');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/already exists/)).toBeVisible();
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
