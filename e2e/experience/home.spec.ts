import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb, seedMember } from '../db';
import { enableTotp, PASSWORD, saveCodesAndContinue, signOut, signUpNewCompany, submitPassword } from '../helpers';

test('the home page suggests two-factor authentication until it is on', async ({ page }) => {
  await signUpNewCompany(page);
  const card = page.getByTestId('home-two-factor');
  await expect(card.getByRole('heading')).toHaveText('Protect your account with two-factor authentication');
  await expect(card).toContainText('Right now your password alone signs you in.');
  await card.getByRole('link', { name: 'Set up two-factor authentication' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);

  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByTestId('totp-key')).toBeVisible();
  await page.goto('/');
  await expect(card.getByRole('heading')).toHaveText('Finish setting up your authenticator app');
  await expect(card.getByRole('link', { name: 'Finish setup' })).toHaveAttribute('href', '/account/security');

  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Cancel setup' }).click();
  await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible();
  await enableTotp(page);
  await saveCodesAndContinue(page);
  await page.goto('/');
  await expect(card.getByRole('heading')).toHaveText('Two-factor authentication is on');
  await expect(card).toContainText('You have 10 backup codes left.');
  await expect(card.getByRole('link', { name: 'Set up two-factor authentication' })).toHaveCount(0);
});

test('a member whose company requires 2FA is told the truth: codes by email, the app as the stronger choice', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await signOut(page);
  await submitPassword(page, member.email, PASSWORD);
  await expect(page.getByTestId('company-name')).toHaveText(admin.company);

  // The company's switch turns on; this session is taken as one that passed an emailed code.
  const db = e2eDb();
  await db.execute(sql`update companies set two_factor_required = true
    where id = (select company_id from users where id = ${member.id})`);
  await db.execute(sql`update sessions set second_factor_at = now() where user_id = ${member.id}`);
  await page.goto('/');
  const card = page.getByTestId('home-two-factor');
  const masked = `${member.email[0]}•••@example.com`;
  await expect(card.getByRole('heading')).toHaveText(`${admin.company} requires two-factor authentication`);
  await expect(card).toContainText(`When you sign in, you get a sign-in code by email (${masked}).`);
  await expect(card).not.toContainText('password alone');
  await expect(card.getByRole('link', { name: 'Set up authenticator app' })).toHaveAttribute(
    'href',
    '/account/security',
  );

  // Without authenticator apps allowed, nothing to set up is offered.
  await db.execute(sql`update companies set allow_totp = false
    where id = (select company_id from users where id = ${member.id})`);
  await page.reload();
  await expect(card).toContainText(`you get a sign-in code by email (${masked})`);
  await expect(card.getByRole('link', { name: 'Set up authenticator app' })).toHaveCount(0);
});
