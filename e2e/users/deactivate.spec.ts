import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { passwordResets, users } from '../../lib/db/schema';
import { e2eDb, seedMember } from '../db';
import { messagesTo, PASSWORD, signUpNewCompany, submitPassword } from '../helpers';
import { accessibilityProblems, openConfirmed } from '../admin/helpers';

test('an admin deactivates a signed-in member: their next page is the sign-in page, and they cannot get back in until reactivated', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Leaving Member' });
  const memberPage = await (await browser.newContext()).newPage();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('company-name')).toHaveText(admin.company);

  await openConfirmed(page, `/admin/users/${member.id}`);
  const panel = page.getByTestId('access-panel');
  await expect(panel.getByTestId('access-status')).toHaveText('Leaving Member is active.');
  await panel.getByRole('button', { name: 'Deactivate' }).click();
  await expect(panel.getByTestId('form-success')).toHaveText(
    'Deactivated: they were signed out everywhere and can no longer sign in. We emailed them.',
  );
  await expect(panel.getByTestId('access-status')).toContainText('Leaving Member is deactivated');
  await expect(panel.getByRole('button', { name: 'Reactivate' })).toBeVisible();

  // The member's open session dies on their very next request.
  await memberPage.goto('/account/security');
  await expect(memberPage).toHaveURL(/\/login\?ended=ended$/);

  // The right password gets exactly the answer a wrong one gets.
  await submitPassword(memberPage, member.email, 'certainly not the password');
  const wrong = await memberPage.getByTestId('form-error').textContent();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('form-error')).toHaveText(wrong!);
  await expect(memberPage).toHaveURL(/\/login/);

  // "Forgot password" answers as for anyone, and sends nothing.
  await memberPage.goto('/forgot-password');
  await memberPage.waitForLoadState('networkidle');
  await memberPage.getByLabel('Email').fill(member.email);
  await memberPage.getByRole('button', { name: 'Send me a link' }).click();
  await expect(memberPage.getByTestId('form-success')).toBeVisible();
  expect(await e2eDb().select().from(passwordResets).where(eq(passwordResets.userId, member.id))).toEqual([]);
  await memberPage.waitForTimeout(500);
  expect((await messagesTo(member.email)).map((m) => m.subject)).toEqual(['Your Latchkey account was deactivated']);

  // The Users table says so in words, and its filter finds them.
  await page.goto('/admin/users');
  const row = page.getByTestId('user-row').filter({ hasText: 'Leaving Member' });
  await expect(row.getByTestId('user-status')).toHaveText('Deactivated');
  await page.getByLabel('Status').selectOption({ label: 'Active' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/status=active/);
  await expect(page.getByTestId('user-row')).toHaveCount(1);
  await expect(page.getByTestId('user-row').getByTestId('user-status')).toHaveText('Active');
  await page.getByLabel('Status').selectOption({ label: 'Deactivated' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/status=deactivated/);
  await expect(page.getByTestId('user-row')).toHaveCount(1);
  await expect(page.getByTestId('user-row')).toContainText('Leaving Member');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await accessibilityProblems(page), scheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Reactivated, the member signs in again.
  await openConfirmed(page, `/admin/users/${member.id}`);
  await panel.getByRole('button', { name: 'Reactivate' }).click();
  await expect(panel.getByTestId('form-success')).toHaveText('Reactivated: they can sign in again. We emailed them.');
  await expect(panel.getByTestId('access-status')).toHaveText('Leaving Member is active.');
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('company-name')).toHaveText(admin.company);
  await memberPage.context().close();
});

test('the status filter works without JavaScript, and an invited user shows as invited', async ({ page, browser }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Quiet Member' });
  // Invited and not yet accepted: no password.
  const invitee = await seedMember(admin.email, { name: 'Ivy Invitee' });
  await e2eDb().update(users).set({ passwordHash: null }).where(eq(users.id, invitee.id));

  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto('/admin/users');
  await plain.getByLabel('Status').selectOption({ label: 'Invited' });
  await plain.getByRole('button', { name: 'Search' }).click();
  await expect(plain).toHaveURL(/\?q=&status=invited$/);
  await expect(plain.getByTestId('user-row')).toHaveCount(1);
  await expect(plain.getByTestId('user-row')).toContainText('Ivy Invitee');
  await expect(plain.getByTestId('user-row').getByTestId('user-status')).toHaveText('Invited');
  await expect(plain.getByLabel('Status')).toHaveValue('invited');

  await plain.goto('/admin/users?status=deactivated');
  await expect(plain.getByTestId('no-users')).toHaveText('No deactivated users.');
  await plain.goto(`/admin/users?status=active&q=${encodeURIComponent(member.email)}`);
  await expect(plain.getByTestId('user-row')).toHaveCount(1);
  await noScript.close();
});
