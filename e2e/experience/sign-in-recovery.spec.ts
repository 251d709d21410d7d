/**
 * Issue 9 #6: recovery fits what the user lost. A user whose sign-in codes go to an inbox they
 * cannot open is told who their admins are (only after the password step) and sends a request
 * straight to them, with no link to that inbox; once approved, the password alone signs them in,
 * once. Anonymous visitors learn nothing.
 */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { recoveryRequests } from '../../lib/db/schema';
import { setSecurityQuestion } from '../../lib/recovery/set-security-question';
import { approveRecovery } from '../../lib/recovery/approve-recovery';
import { e2eDb } from '../db';
import { messagesTo, PASSWORD, signOut, submitPassword, waitForMessage } from '../helpers';
import { seedColleague, seedVictim } from '../security/attacker';
import { openConfirmed } from '../admin/helpers';
import { after, sentCode } from './sign-in-helpers';

const QUESTION = 'What was your childhood nickname?';
const ANSWER = 'Sparky the Brave';

test('an email-code user who lost the inbox asks the named admins, and an approval signs them in once without a code', async ({
  page,
}) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const member = await seedColleague(admin.user);
  const set = await setSecurityQuestion(e2eDb(), {
    user: member.user,
    password: PASSWORD,
    question: QUESTION,
    answer: ANSWER,
  });
  expect(set.ok).toBe(true);

  // Anonymous: the recovery page names no one.
  await page.goto('/login/recover');
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toBeVisible();
  await expect(page.getByText(admin.user.name)).toHaveCount(0);

  await submitPassword(page, member.user.email, PASSWORD);
  await expect(page.getByTestId('code-destination')).toContainText('We sent a sign-in code by email');
  await page.getByRole('link', { name: 'Can’t get your code?' }).click();
  await expect(page.getByRole('heading', { name: 'Account recovery' })).toBeVisible();
  await expect(page.getByText(`Your sign-in codes go to ${member.user.email[0]}•••@example.com.`)).toBeVisible();
  await expect(page.getByTestId('company-admins')).toHaveText(`Your company’s administrator: ${admin.user.name}.`);
  await expect(page.getByText(admin.company.name)).toHaveCount(0);
  const since = Date.now();
  await page.getByLabel('Your answer').fill(ANSWER);
  await page.getByRole('button', { name: 'Send my request to the administrators' }).click();
  await expect(page.getByTestId('form-success')).toHaveText('Your request was sent to your administrators.');
  await expect(page.getByTestId('recovery-sent')).toContainText('We don’t email you a link to confirm');
  await waitForMessage(
    admin.user.email,
    (m) => m.at >= since && m.subject === `Recovery request from ${member.user.name}`,
  );
  // The member's inbox gets a notice with a cancel link for a real owner, never a link they must open.
  const notice = await waitForMessage(
    member.user.email,
    (m) => m.at >= since && /recovery request/i.test(m.subject ?? ''),
  );
  expect(notice.subject).toBe('Your recovery request was sent to your administrators');
  expect((await messagesTo(member.user.email)).filter((m) => m.subject === 'Confirm your recovery request')).toEqual(
    [],
  );

  // The admin approves (the admin screen's action runs this lib function).
  const [request] = await e2eDb().select().from(recoveryRequests).where(eq(recoveryRequests.userId, member.user.id));
  expect(request.status).toBe('awaiting_admin');
  const approved = await approveRecovery(e2eDb(), {
    companyId: admin.user.companyId,
    actorUserId: admin.user.id,
    requestId: request.id,
  });
  expect(approved.ok).toBe(true);

  // The next sign-in sends no code to the lost inbox and offers to continue without one.
  const signInAt = Date.now();
  await submitPassword(page, member.user.email, PASSWORD);
  await expect(page.getByTestId('approved-recovery')).toContainText(
    `${admin.user.name} approved your account recovery`,
  );
  await page.getByRole('button', { name: 'Continue without a code' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
  const codes = (await messagesTo(member.user.email)).filter(
    (m) => after(signInAt)(m) && /sign-in code/.test(m.subject ?? ''),
  );
  expect(codes).toEqual([]);

  // It works once: the sign-in after that asks for a code again.
  await signOut(page);
  await submitPassword(page, member.user.email, PASSWORD);
  await expect(page.getByTestId('code-destination')).toContainText('We sent a sign-in code by email');
  await expect(page.getByTestId('approved-recovery')).toHaveCount(0);
});

test('a text-message user who lost the phone gets the code by email instead, from the recovery page', async ({
  page,
}) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const mobile = `+4477009${Math.floor(10000 + Math.random() * 89999)}`;
  const member = await seedColleague(admin.user, { mobile });
  await submitPassword(page, member.user.email, PASSWORD);
  await expect(page.getByTestId('code-destination')).toContainText('by text message');
  await page.getByRole('link', { name: 'Can’t get your code?' }).click();
  await expect(page.getByTestId('company-admins')).toContainText(admin.user.name);
  const since = Date.now();
  await page.getByRole('button', { name: `Send the code to ${member.user.email[0]}•••@example.com instead` }).click();
  await expect(page).toHaveURL(/\/login\/verify\?method=otp$/);
  await expect(page.getByTestId('code-destination')).toContainText('by email');
  const code = (await waitForMessage(member.user.email, after(since))).text.match(/\b(\d{6})\b/)![1];
  await page.getByLabel('Sign-in code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
});

test('lost authenticator in a company that requires 2FA: after the admin approves on the Users page, the password alone signs in once', async ({
  page,
  browser,
}) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const member = await seedColleague(admin.user, { totp: true });
  const set = await setSecurityQuestion(e2eDb(), {
    user: member.user,
    password: PASSWORD,
    question: QUESTION,
    answer: ANSWER,
  });
  expect(set.ok).toBe(true);

  await submitPassword(page, member.user.email, PASSWORD);
  await page.getByRole('link', { name: 'Can’t use your authenticator app or backup codes?' }).click();
  await expect(page.getByTestId('company-admins')).toContainText(admin.user.name);
  const since = Date.now();
  await page.getByLabel('Your answer').fill(ANSWER);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('form-success')).toHaveText(
    `We sent a link to ${member.user.email[0]}•••@example.com.`,
  );
  const started = await waitForMessage(
    member.user.email,
    (m) => m.at >= since && m.subject === 'Confirm your recovery request',
  );
  await page.goto(started.text.match(/https?:\/\/\S+\/recover\/confirm\/[A-Za-z0-9_-]+/)![0]);
  await page.getByRole('button', { name: 'Send my request to the administrators' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Your request was sent to your administrators.');

  // The admin signs in (their company requires a code too) and approves on the Users page.
  const adminPage = await (await browser.newContext()).newPage();
  const adminSince = Date.now();
  await submitPassword(adminPage, admin.user.email, PASSWORD);
  await adminPage.getByLabel('Sign-in code').fill(await sentCode(admin.user.email, adminSince));
  await adminPage.getByRole('button', { name: 'Verify' }).click();
  await expect(adminPage.getByTestId('company-name')).toHaveText(admin.company.name);
  await openConfirmed(adminPage, '/admin/users');
  const request = adminPage.getByTestId('recovery-request').filter({ hasText: member.user.email });
  await request.getByLabel(`I checked that I am talking to ${member.user.name}`).check();
  await request.getByRole('button', { name: 'Reset 2FA' }).click();
  await expect(adminPage.getByTestId('no-recovery-requests')).toBeVisible();
  await adminPage.context().close();

  const signInAt = Date.now();
  await submitPassword(page, member.user.email, PASSWORD);
  await expect(page.getByTestId('approved-recovery')).toContainText(
    `${admin.user.name} approved your account recovery`,
  );
  await page.getByRole('button', { name: 'Continue without a code' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
  const codes = (await messagesTo(member.user.email)).filter(
    (m) => after(signInAt)(m) && /sign-in code/.test(m.subject ?? ''),
  );
  expect(codes).toEqual([]);
});
