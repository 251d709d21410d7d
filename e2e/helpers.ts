import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'quartz lantern orbit meadow 42';

export type Account = { email: string; password: string; name: string; company: string };

/** A new company and admin with a random email, signed up through the UI (and left signed in). */
export async function signUpNewCompany(page: Page, overrides: Partial<Account> & { username?: string } = {}): Promise<Account> {
  const tag = randomBytes(4).toString('hex');
  const account = { email: `admin-${tag}@example.com`, password: PASSWORD, name: `Admin ${tag}`, company: `Company ${tag}`, ...overrides };
  await page.goto('/signup');
  await page.getByLabel('Company name').fill(account.company);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Work email').fill(account.email);
  if (overrides.username) await page.getByLabel('Username (optional)').fill(overrides.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  return account;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Step one of sign-in: identifier and password. */
export async function submitPassword(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
