import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies } from '../../lib/db/schema';
import { e2eDb, seedMember } from '../db';
import { PASSWORD, signOut, signUpNewCompany, submitPassword, type TotpDevice } from '../helpers';
import { configureTotpFor, openConfirmed } from '../admin/helpers';

const NEW_PASSWORD = 'violet harbour compass 1987 kettle';
const TRUST = 'Don’t ask again on this browser for 30 days';

/** An admin whose company allows trusted browsers for 30 days (set in the Sessions form), and a TOTP member. */
async function companyWithTotpMember(admin: Page) {
  const account = await signUpNewCompany(admin);
  await openConfirmed(admin, '/admin/company');
  const sessions = admin.getByRole('region', { name: 'Sessions' });
  await sessions.getByLabel('Trusted browsers (days)').fill('30');
  await sessions.getByRole('button', { name: 'Save session settings' }).click();
  await expect(sessions.getByTestId('form-success')).toContainText('Saved');
  const member = await seedMember(account.email);
  const device = await configureTotpFor(admin, member.id);
  return { account, member, device };
}

/** A browser of its own (its own cookies), as a second person or device would have. */
const newBrowser = async (browser: Browser) => (await browser.newContext()).newPage();

/** Password, then the authenticator code (ticking "Don't ask again" when `trust`), then signed in. */
async function signInWithCode(
  page: Page,
  email: string,
  device: TotpDevice,
  options: { trust: boolean; password?: string },
) {
  await submitPassword(page, email, options.password ?? PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  if (options.trust) await page.getByLabel(TRUST).check();
  await page.getByLabel('Authenticator code').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toBeVisible();
}

/** The password alone signs in: the second factor was skipped. */
async function expectSkipped(page: Page, email: string, password = PASSWORD) {
  await submitPassword(page, email, password);
  await expect(page.getByTestId('company-name')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

test('a trusted browser skips the code until Forget, a password change or an admin’s Reset 2FA', async ({
  page,
  browser,
}) => {
  // Four codes from one authenticator, each in a later 30-second step than the one before.
  test.setTimeout(180_000);
  const { member, device } = await companyWithTotpMember(page);
  const phone = await newBrowser(browser);

  // First sign-in: the box is offered with the company's days, ticked, and the code passes.
  await signInWithCode(phone, member.email, device, { trust: true });
  await signOut(phone);
  // Second sign-in on the same browser: the password is asked, the code is not.
  await expectSkipped(phone, member.email);

  // Forget under "Where you're signed in": the code is asked again.
  await phone.goto('/account/security');
  const trusted = phone.getByTestId('trusted-browsers');
  await expect(trusted.getByRole('listitem')).toHaveCount(1);
  await expect(trusted).toContainText(/added .* · last used .* · expires/);
  await trusted.getByRole('button', { name: 'Forget' }).click();
  await expect(phone.getByTestId('form-success')).toContainText('Forgotten');
  await expect(trusted.getByRole('listitem')).toHaveCount(0);
  await expect(phone.getByRole('region', { name: 'Where you’re signed in' })).toContainText(
    'No browser skips your second factor.',
  );
  await signOut(phone);
  await signInWithCode(phone, member.email, device, { trust: true });
  await signOut(phone);
  await expectSkipped(phone, member.email);

  // A password change forgets it too.
  await phone.goto('/account/security');
  const form = phone.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByTestId('form-success')).toContainText('Your password is changed');
  await signOut(phone);
  await signInWithCode(phone, member.email, device, { trust: true, password: NEW_PASSWORD });
  await signOut(phone);
  await expectSkipped(phone, member.email, NEW_PASSWORD);
  await signOut(phone);

  // An admin's Reset 2FA forgets it. The company now requires 2FA, so the member, whose
  // authenticator is gone, is asked for an emailed code: still not skipped.
  await openConfirmed(page, `/admin/users/${member.id}`);
  await page.getByLabel(/I checked that I am talking to/).check();
  await page.getByRole('button', { name: 'Reset 2FA' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Two-factor authentication was reset');
  await e2eDb().update(companies).set({ twoFactorRequired: true }).where(eq(companies.id, member.companyId));
  await submitPassword(phone, member.email, NEW_PASSWORD);
  await expect(phone).toHaveURL(/\/login\/verify/);
  await expect(phone.getByTestId('challenge-instruction')).toContainText('Enter the sign-in code we sent you.');
  await phone.context().close();
});

test('a stolen trusted-browser cookie opens nothing without the password, and a tampered one is refused', async ({
  page,
  browser,
}) => {
  const { member, device } = await companyWithTotpMember(page);
  const phone = await newBrowser(browser);
  await signInWithCode(phone, member.email, device, { trust: true });
  const stolen = (await phone.context().cookies()).find((c) => c.name === 'lk_trusted_browser')!;
  expect(stolen).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/login' });

  const thief = await newBrowser(browser);
  await thief.context().addCookies([stolen]);
  // The cookie alone is no session.
  await thief.goto('/account/security');
  await expect(thief).toHaveURL(/\/login/);
  // With a wrong password it is nothing either.
  await submitPassword(thief, member.email, 'not the password at all');
  await expect(thief.getByTestId('form-error')).toBeVisible();
  await expect(thief).toHaveURL(/\/login$/);

  // The same token with its signature changed: refused before any lookup, the code is asked.
  const tampered = await newBrowser(browser);
  const [token, signature] = stolen.value.split('.');
  const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
  await tampered.context().addCookies([{ ...stolen, value: `${token}.${flipped}` }]);
  await submitPassword(tampered, member.email, PASSWORD);
  await expect(tampered).toHaveURL(/\/login\/verify/);
  for (const p of [phone, thief, tampered]) await p.context().close();
});

test('user A’s trusted browser does not skip user B’s second factor', async ({ page, browser }) => {
  const { account, member, device } = await companyWithTotpMember(page);
  const other = await seedMember(account.email);
  await configureTotpFor(page, other.id);
  const shared = await newBrowser(browser);
  await signInWithCode(shared, member.email, device, { trust: true });
  await signOut(shared);
  await submitPassword(shared, other.email, PASSWORD);
  await expect(shared).toHaveURL(/\/login\/verify/);
  await expect(shared.getByLabel('Authenticator code')).toBeVisible();
  await shared.context().close();
});
