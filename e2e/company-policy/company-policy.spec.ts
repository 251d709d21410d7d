import { writeFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies, users } from '../../lib/db/schema';
import { TEST_CLOCK_FILE } from '../config';
import { e2eDb, seedMember } from '../db';
import { messagesTo, PASSWORD, signUpNewCompany, submitPassword, waitForMessage } from '../helpers';
import { openConfirmed } from '../admin/helpers';
import { postPassword, resultOf, seedVictim } from '../security/attacker';

const DAY_MS = 86_400_000;
/** The date input's value `days` from today (UTC). */
const typedDay = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** Moves the server's enforcement clock (lib/clock.ts) by `ms`; 0 puts it back. */
const moveClock = (ms: number) => writeFileSync(TEST_CLOCK_FILE, String(ms));

const contexts: BrowserContext[] = [];
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}
test.afterEach(async () => {
  moveClock(0);
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

test.describe.configure({ mode: 'serial' });

test('2FA from a date: until then the password alone and a banner; after it (clock moved) the challenge', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);

  // The admin turns 2FA on from a date 10 days ahead, with strong methods only.
  await openConfirmed(page, '/admin/company');
  await page.getByRole('button', { name: 'Configure' }).click();
  const dialog = page.getByRole('dialog', { name: '2F Authentication' });
  await dialog.getByLabel('Enable 2FA').check();
  await dialog.getByLabel('From a date').check();
  await dialog.getByLabel('Start date').fill(typedDay(10));
  await dialog.getByLabel('Strong methods only').check();
  await expect(dialog.getByTestId('company-2fa-date-warning')).toContainText('Nothing changes until');
  await expect(dialog.getByTestId('company-2fa-date-warning')).toContainText('00:00 UTC');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('company-2fa-saved')).toBeVisible();
  await expect(page.getByTestId('company-2fa-status')).toContainText('from');
  // Nothing applies yet: the admin's own session is not sent to step up.
  await page.reload();
  await expect(page).toHaveURL(/\/admin\/company$/);
  await expect(page.getByTestId('enforcement-banner')).toContainText(
    'Your company requires two-factor authentication from',
  );

  // The Users table says who is ready for the date.
  await page.goto('/admin/users');
  await expect(page.getByTestId('enforcement-readiness')).toContainText('Two-factor authentication applies from');
  const memberRow = page.getByTestId('user-row').filter({ hasText: member.email });
  await expect(memberRow.getByTestId('enforcement-ready')).toHaveText('Not set up yet');

  // The member signs in with the password alone and sees the banner with a way to set up a method.
  const memberPage = await newPage(browser);
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage).not.toHaveURL(/\/login/);
  const banner = memberPage.getByTestId('enforcement-banner');
  await expect(banner).toContainText('Your company requires two-factor authentication from');
  await banner.getByRole('link', { name: 'Set up your method' }).click();
  await expect(memberPage).toHaveURL(/\/account\/security$/);

  // The date passes (the server's clock moves 11 days): the session that passed no factor steps up…
  moveClock(11 * DAY_MS);
  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/login\/step-up$/);
  // …and a new sign-in asks for the second factor: a code by email (nothing else, so strong-only keeps it).
  const since = Date.now();
  const fresh = await newPage(browser);
  await submitPassword(fresh, member.email, PASSWORD);
  await expect(fresh).toHaveURL(/\/login\/verify/);
  await expect(fresh.getByTestId('code-destination')).toContainText('by email');
  await waitForMessage(member.email, (m) => m.at >= since && /sign-in code/.test(m.subject ?? m.text));
  await expect(fresh.getByTestId('enforcement-banner')).toHaveCount(0);
});

test('strong methods only: a user with an authenticator app is never offered an emailed code, even by a forged post', async ({
  page,
}) => {
  const victim = await seedVictim({ totp: true, companyTwoFactor: true });
  const db = e2eDb();
  await db.update(companies).set({ strongMethodsOnly: true }).where(eq(companies.id, victim.company.id));
  // Even a user who preferred codes gets none.
  await db.update(users).set({ preferredMethod: 'otp' }).where(eq(users.id, victim.user.id));
  const since = Date.now();

  await submitPassword(page, victim.user.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  await expect(page.getByTestId('challenge-instruction')).toContainText('authenticator code');
  await expect(page.getByRole('link', { name: 'Get a sign-in code by text message or email' })).toHaveCount(0);
  await page.goto('/login/verify?method=otp');
  await expect(page.getByTestId('challenge-instruction')).toContainText('authenticator code');
  await expect(page.getByTestId('code-destination')).toHaveCount(0);

  // An attacker with the password posts the send-code action directly, by email and by SMS: refused.
  const { attacker } = await postPassword(victim.user.email, PASSWORD);
  expect(attacker.challengeToken).toBeTruthy();
  for (const channel of ['email', 'sms']) {
    const answer = await attacker.action('sendCodeAction', { channel }, { path: '/login/verify' });
    expect(resultOf(answer)).toMatchObject({
      ok: false,
      error: 'Sign-in codes by text message or email are not available for your account.',
    });
  }
  expect((await messagesTo(victim.user.email)).filter((m) => m.at >= since)).toHaveLength(0);

  // The authenticator code still signs in.
  await page
    .getByLabel(/code/i)
    .first()
    .fill(await victim.device!.nextCode());
  await page
    .getByRole('button', { name: /verify|continue|sign in/i })
    .first()
    .click();
  await expect(page).not.toHaveURL(/\/login/);
});
