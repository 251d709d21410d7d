import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { totpCredentials, users } from '../../lib/db/schema';
import { e2eDb, seedMember } from '../db';
import { enableTotp, PASSWORD, saveCodesAndContinue, signUpNewCompany, submitPassword } from '../helpers';
import {
  accessibilityProblems,
  configureTotpFor,
  confirmIdentity,
  expireConfirmations,
  openConfirmed,
} from './helpers';

const onConfirmPage = (page: Page) => expect(page).toHaveURL(/\/admin\/confirm\?next=/);
const authenticatorOf = async (userId: string) =>
  (await e2eDb().select().from(totpCredentials).where(eq(totpCredentials.userId, userId)))[0] ?? null;

async function resetTwoFactor(page: Page) {
  await page.getByLabel(/I checked that I am talking to/).check();
  await page.getByRole('button', { name: 'Reset 2FA' }).click();
}

test('an admin confirms once with the password, then Reset 2FA works; 10 minutes later the same button asks again', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);

  await page.goto(`/admin/users/${member.id}`);
  await onConfirmPage(page);
  await expect(page.getByText('for 10 minutes')).toBeVisible();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByLabel('Your password').fill('not my password');
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByTestId('form-error')).toContainText('That password is not right.');
  await confirmIdentity(page);
  await expect(page).toHaveURL(new RegExp(`/admin/users/${member.id}$`));

  // Within the window nothing asks again: setting up an authenticator and resetting it both work.
  await configureTotpFor(page, member.id);
  await resetTwoFactor(page);
  await expect(page.getByTestId('form-success')).toContainText('Two-factor authentication was reset');
  await configureTotpFor(page, member.id);

  // Ten minutes on, the page already open is not enough: the action itself asks again.
  await expireConfirmations(admin.email);
  await resetTwoFactor(page);
  await onConfirmPage(page);
  expect((await authenticatorOf(member.id))?.confirmedAt).toBeTruthy();
  await confirmIdentity(page);
  await expect(page).toHaveURL(new RegExp(`/admin/users/${member.id}$`));
  await resetTwoFactor(page);
  await expect(page.getByTestId('form-success')).toContainText('Two-factor authentication was reset');
  expect(await authenticatorOf(member.id)).toBeNull();
});

test('a second session of the same admin is not covered by the first one’s confirmation', async ({ page, browser }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await openConfirmed(page, `/admin/users/${member.id}`);

  const other = await (await browser.newContext()).newPage();
  await submitPassword(other, admin.email, PASSWORD);
  await expect(other.getByTestId('company-name')).toHaveText(admin.company);
  await other.goto(`/admin/users/${member.id}`);
  await onConfirmPage(other);

  await page.reload();
  await expect(page.getByRole('heading', { name: member.name })).toBeVisible();
  await other.context().close();
});

test('an admin with an authenticator app confirms with a code, or with a backup code', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  const { device, codes } = await enableTotp(page);
  await saveCodesAndContinue(page);
  // Enabling with the password opened the session's re-authentication window: let it pass.
  await expireConfirmations(admin.email);

  await page.goto(`/admin/users/${member.id}`);
  await onConfirmPage(page);
  await page.getByLabel('6-digit code from your authenticator app').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Confirm with code' }).click();
  await expect(page.getByRole('heading', { name: member.name })).toBeVisible();

  await expireConfirmations(admin.email);
  await page.reload();
  await onConfirmPage(page);
  await page.getByText('Use a backup code').click();
  await page.getByLabel('Backup code').fill(codes[0]);
  await page.getByRole('button', { name: 'Confirm with backup code' }).click();
  await expect(page.getByRole('heading', { name: member.name })).toBeVisible();
});

test('an admin’s own page offers nothing to change, and a form aimed at their own account is refused', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  const [me] = await e2eDb().select().from(users).where(eq(users.email, admin.email));

  await page.goto(`/admin/users/${me.id}`);
  await expect(page.getByTestId('own-account-note')).toContainText('Account › Security');
  expect(await accessibilityProblems(page)).toEqual([]);
  await expect(page.getByRole('link', { name: 'Account › Security' })).toHaveAttribute('href', '/account/security');
  for (const name of ['Save changes', 'Use SMS/Email', 'Set up authenticator app', 'Reset 2FA', 'Unlock sign-in'])
    await expect(page.getByRole('button', { name }), name).toBeDisabled();

  // Someone holding this session edits a form on another user's page to point at the admin.
  await openConfirmed(page, `/admin/users/${member.id}`);
  const form = page.getByRole('form', { name: 'Edit user' });
  await form.locator('input[name="userId"]').evaluate((input: HTMLInputElement, id) => (input.value = id), me.id);
  await form.getByLabel('Email').fill('thief@example.net');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByTestId('form-error')).toContainText('Account › Security');
  const [after] = await e2eDb().select().from(users).where(eq(users.id, me.id));
  expect(after.email).toBe(me.email);
});
