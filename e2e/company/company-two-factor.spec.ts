import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb, seedMember } from '../db';
import {
  enableTotp,
  PASSWORD,
  saveCodesAndContinue,
  signOut,
  signUpNewCompany,
  submitPassword,
  waitForMessage,
  type FakeMessage,
} from '../helpers';
import { FAKES_URL } from '../config';
import { confirmIdentity, expireConfirmations, openConfirmed } from '../admin/helpers';

const codeIn = (m: FakeMessage) => m.text.match(/\b(\d{6})\b/)![1];
const after = (since: number) => (m: FakeMessage) => m.at >= since;

/** Admin opens Company › 2F Authentication › Configure and turns company-wide 2FA on. */
async function requireTwoFactor(page: Page, options: { totp?: boolean } = {}) {
  await openConfirmed(page, '/admin/company');
  await page.getByRole('button', { name: 'Configure' }).click();
  const dialog = page.getByRole('dialog', { name: '2F Authentication' });
  await dialog.getByLabel('Enable 2FA').check();
  await expect(dialog.getByLabel('SMS/Email')).toBeDisabled();
  if (options.totp === false) await dialog.getByLabel('Authenticator app').uncheck();
  await expect(dialog.getByTestId('company-2fa-on-warning')).toContainText('at their next sign-in');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // The admin stays on the Company page and reads what happened...
  await expect(page.getByTestId('company-2fa-saved')).toContainText('Your own session needs a second factor too');
  await expect(page).toHaveURL(/\/admin\/company$/);
  // ...and their own session, which predates the switch, must pass a second factor on its next page.
  await page.reload();
  await expect(page).toHaveURL(/\/login\/step-up$/);
}

/** A second person's browser; closed when the test ends. */
const contexts: BrowserContext[] = [];
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** A new company whose admin has turned 2FA on (and passed it), a member, and the member's browser. */
async function companyRequiring2fa(page: Page, browser: Browser, member: { mobile?: string } = {}) {
  const admin = await signUpNewCompany(page);
  const seeded = await seedMember(admin.email, member);
  await requireTwoFactor(page);
  await stepUp(page, admin.email);
  return { admin, member: seeded, memberPage: await newPage(browser) };
}

/** The admin's own session passes the second factor it now needs. */
async function stepUp(page: Page, email: string) {
  const since = Date.now();
  await page.getByRole('button', { name: 'Continue' }).click();
  await enterEmailedCode(page, email, since);
  await expect(page.getByTestId('company-name')).toBeVisible();
}

/** Finishes a sign-in whose code went by email, reading it from the fake Resend. */
async function enterEmailedCode(page: Page, email: string, since: number) {
  const message = await waitForMessage(email, after(since));
  await page.getByLabel('Sign-in code').fill(codeIn(message));
  await page.getByRole('button', { name: 'Verify' }).click();
}

test('admin requires 2FA: their own session steps up, a member signs in with an emailed code, turning it off needs a recent confirmation', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await requireTwoFactor(page);

  const since = Date.now();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Your company now requires two-factor authentication when you sign in.')).toBeVisible();
  await enterEmailedCode(page, admin.email, since);
  await expect(page.getByTestId('company-name')).toBeVisible();
  await page.goto('/admin/company');
  await expect(page.getByTestId('company-2fa-status')).toContainText(
    'On: every user must pass a second factor; methods: SMS/Email, authenticator app.',
  );

  const memberPage = await newPage(browser);
  const signInAt = Date.now();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('code-destination')).toContainText(
    `by email to ${member.email.slice(0, 1)}•••@example.com`,
  );
  await expect(memberPage.getByTestId('code-countdown')).toContainText(/It expires in [12]:\d\d/);
  await enterEmailedCode(memberPage, member.email, signInAt);
  await expect(memberPage.getByTestId('company-name')).toHaveText(admin.company);

  // A member cannot open the company settings or its activity.
  expect((await memberPage.goto('/admin/company'))?.status()).toBe(404);
  expect((await memberPage.goto('/admin/activity'))?.status()).toBe(404);

  // The step-up's second factor counted as a confirmation; ten minutes later, turning 2FA off asks again.
  await expireConfirmations(admin.email);
  const turnOff = async () => {
    await page.getByRole('button', { name: 'Configure' }).click();
    const dialog = page.getByRole('dialog', { name: '2F Authentication' });
    await dialog.getByLabel('Enable 2FA').uncheck();
    await expect(dialog.getByTestId('company-2fa-off-warning')).toBeVisible();
    await dialog.getByRole('button', { name: 'Save' }).click();
  };
  await turnOff();
  await expect(page).toHaveURL(/\/admin\/confirm\?next=%2Fadmin%2Fcompany$/);
  await page.getByLabel('Your password').fill('not my password');
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByTestId('form-error')).toContainText('That password is not right.');
  await expect(page).toHaveURL(/\/admin\/confirm/);
  await confirmIdentity(page);
  await expect(page.getByTestId('company-2fa-status')).toContainText('On');
  await turnOff();
  await expect(page.getByTestId('company-2fa-status')).toContainText('Off');

  // Every change is in the company's activity, with who made it.
  await page.getByRole('link', { name: 'Activity' }).click();
  const changes = page
    .getByTestId('activity')
    .getByRole('row')
    .filter({ hasText: 'Changed two-factor authentication for the company' });
  await expect(changes).toHaveCount(2);
  await expect(changes.first()).toContainText(admin.email);
  await expect(changes.first()).toContainText('On (SMS/Email, authenticator app) → Off');
  await expect(changes.last()).toContainText('Off → On (SMS/Email, authenticator app)');
});

test('a member with a mobile number gets the code by SMS; a failed SMS offers email and uses nothing up', async ({
  page,
  browser,
}) => {
  const mobile = `+4477009${Math.floor(10000 + Math.random() * 89999)}`;
  const { member, memberPage } = await companyRequiring2fa(page, browser, { mobile });
  let at = Date.now();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('code-destination')).toContainText(`by text message to ••••${mobile.slice(-4)}`);
  await expect(memberPage.getByText('Text messages are the weaker method')).toBeVisible();
  const sms = await waitForMessage(mobile, after(at));
  expect(sms.channel).toBe('sms');
  await memberPage.getByLabel('Sign-in code').fill(codeIn(sms));
  await memberPage.getByRole('button', { name: 'Verify' }).click();
  await expect(memberPage.getByTestId('company-name')).toBeVisible();
  await signOut(memberPage);

  await fetch(`${FAKES_URL}/_fail`, { method: 'POST', body: JSON.stringify({ to: mobile }) });
  at = Date.now();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('form-error')).toContainText(
    'We couldn’t send your sign-in code by text message',
  );
  await memberPage.getByRole('button', { name: /Send by email instead/ }).click();
  await expect(memberPage.getByTestId('code-destination')).toContainText('by email');
  await enterEmailedCode(memberPage, member.email, at);
  await expect(memberPage.getByTestId('company-name')).toBeVisible();
});

test('an expired code fails with a clear message and a new code works', async ({ page, browser }) => {
  const { member, memberPage } = await companyRequiring2fa(page, browser);
  const at = Date.now();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage).toHaveURL(/\/login\/verify/);
  const first = codeIn(await waitForMessage(member.email, after(at)));
  // Three minutes pass for this code (its 2-minute life and the 30-second resend wait are over).
  await e2eDb()
    .execute(sql`update login_codes set expires_at = now() - interval '1 minute', sent_at = now() - interval '3 minutes'
    where challenge_id in (select id from login_challenges where user_id = ${member.id})`);
  await e2eDb().execute(sql`delete from rate_limits where key in
    (select 'otp:send:' || id || ':email' from login_challenges where user_id = ${member.id})`);
  await memberPage.reload();
  await memberPage.getByLabel('Sign-in code').fill(first);
  await memberPage.getByRole('button', { name: 'Verify' }).click();
  await expect(memberPage.getByTestId('form-error')).toContainText(
    'This code has expired: codes are valid for 2 minutes. Send a new code.',
  );

  const resentAt = Date.now();
  await memberPage.getByRole('button', { name: 'Send a new code' }).click();
  // The page shows the new code's cooldown once it has re-rendered; then the form is the new one.
  await expect(memberPage.getByRole('button', { name: /Send a new code \(\d+ s\)/ })).toBeDisabled();
  await enterEmailedCode(memberPage, member.email, resentAt);
  await expect(memberPage.getByTestId('company-name')).toBeVisible();
});

test('a member switches to an authenticator app via the padlock and signs in with it', async ({ page, browser }) => {
  const { admin, member, memberPage } = await companyRequiring2fa(page, browser);
  const at = Date.now();
  await submitPassword(memberPage, member.email, PASSWORD);
  await enterEmailedCode(memberPage, member.email, at);
  await memberPage.getByTestId('padlock').click();
  await expect(memberPage.getByRole('heading', { name: 'Preferred method' })).toBeVisible();
  const { device } = await enableTotp(memberPage);
  await saveCodesAndContinue(memberPage);
  await expect(
    memberPage.getByRole('form', { name: 'Preferred method' }).getByLabel('Authenticator app'),
  ).toBeChecked();
  await signOut(memberPage);

  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByText('Enter the authenticator code from your app.')).toBeVisible();
  await expect(memberPage.getByRole('link', { name: 'Get a sign-in code by text message or email' })).toBeVisible();
  await memberPage.getByLabel('Authenticator code').fill(await device.nextCode());
  await memberPage.getByRole('button', { name: 'Verify' }).click();
  await expect(memberPage.getByTestId('company-name')).toHaveText(admin.company);
});
