import { expect, type Page } from '@playwright/test';
import { openConfirmed } from '../admin/helpers';
import { seedMember } from '../db';
import {
  enableTotp,
  PASSWORD,
  saveCodesAndContinue,
  signOut,
  signUpNewCompany,
  submitPassword,
  type Account,
} from '../helpers';

/** Called on each page once it has loaded, with a name that says which page (and state) it is. */
export type Check = (name: string) => Promise<void>;

/** The signed-in pages every user or admin reaches by address. */
export const SIGNED_IN_PATHS = [
  '/',
  '/account/security',
  '/admin/company',
  '/admin/company/roles',
  '/admin/company/roles/new',
  '/admin/users',
  '/admin/users/invite',
];

/**
 * A new admin's first day, through every signed-in page: the pages by address, a member's page,
 * the authenticator setup, the one-time backup codes view (`codes` checks it), Security with 2FA on
 * and the page that says codes are shown once. Returns the account, still signed in.
 */
export async function visitSignedInPages(
  page: Page,
  { check, codes = check }: { check: Check; codes?: Check },
): Promise<Account & { memberId: string }> {
  const account = await signUpNewCompany(page);
  const member = await seedMember(account.email, { name: 'Grace Hopper' });
  for (const path of [...SIGNED_IN_PATHS, '/admin/activity']) {
    await page.goto(path);
    await check(path);
  }
  await openConfirmed(page, `/admin/users/${member.id}`);
  await check('/admin/users/<id>');

  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByTestId('totp-key')).toBeVisible();
  await check('/account/security (authenticator setup)');
  await page.getByRole('button', { name: 'Cancel setup' }).click();
  await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible();

  await enableTotp(page);
  await codes('/account/security (backup codes view)');
  await saveCodesAndContinue(page);
  await check('/account/security (2FA on)');
  await page.goto('/account/security/backup-codes');
  await check('/account/security/backup-codes');
  return { ...account, memberId: member.id };
}

/** Signs out and back in up to the challenge page, then its other states: backup code, recovery. */
export async function visitChallengePages(page: Page, account: Account, check: Check): Promise<void> {
  await signOut(page);
  await check('/login (signed out)');
  await submitPassword(page, account.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  await check('/login/verify');
  await page.getByRole('link', { name: 'Use Backup Code' }).click();
  await expect(page.getByLabel('Backup code')).toBeVisible();
  await check('/login/verify (backup code)');
  await page.goto('/login/recover');
  await check('/login/recover');
}
