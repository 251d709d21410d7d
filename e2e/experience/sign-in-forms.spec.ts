/**
 * Issue 9: every signed-out form keeps what the user typed after a failed submit, says what went
 * wrong in an announced summary, marks the field (aria-invalid, tied with aria-describedby) and
 * moves focus to it. One test per form.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../lib/db/schema';
import { setSecurityQuestion } from '../../lib/recovery/set-security-question';
import { createInvitation } from '../../lib/admin/issue-invitation';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { e2eDb } from '../db';
import { PASSWORD, waitForMessage } from '../helpers';
import { seedColleague, seedVictim } from '../security/attacker';
import { sentCode } from './sign-in-helpers';

/** The field is marked, described by its message, and has focus. */
async function expectInvalidAndFocused(field: Locator, message: string | RegExp) {
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const page = field.page();
  const texts = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts.join(' ')).toMatch(message);
}

const summary = (page: Page) => page.getByTestId('form-error');

test('sign-in: a wrong password keeps the email and focuses the password', async ({ page }) => {
  const victim = await seedVictim();
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(victim.user.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(summary(page)).toHaveText('That email, username or password is not right. Check them and try again.');
  await expect(page.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
  await expect(page.getByLabel('Email or username')).toHaveValue(victim.user.email);
  await expectInvalidAndFocused(page.getByLabel('Password'), /not right/);
});

test('authenticator code: a wrong code keeps the field, focuses it and shows one count of tries', async ({ page }) => {
  const victim = await seedVictim({ totp: true });
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(victim.user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Authenticator code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(summary(page)).toContainText('That code didn’t match');
  await expect(summary(page)).toContainText('9 tries left.');
  await expect(page.getByLabel('Authenticator code')).toHaveValue('000000');
  await expectInvalidAndFocused(page.getByLabel('Authenticator code'), /didn’t match.*9 tries left\./);
});

test('backup code: a wrong code is tied to its field', async ({ page }) => {
  const victim = await seedVictim({ totp: true });
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(victim.user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Use Backup Code' }).click();
  await page.getByLabel('Backup code').fill('AAAAA-BBBBB');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(summary(page)).toContainText('That backup code isn’t right');
  await expect(page.getByLabel('Backup code')).toHaveValue('AAAAA-BBBBB');
  await expectInvalidAndFocused(page.getByLabel('Backup code'), /isn’t right/);
});

test('sign-in code: a wrong code says one count of tries (the smaller), tied to the field', async ({ page }) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const member = await seedColleague(admin.user);
  const since = Date.now();
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(member.user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = await sentCode(member.user.email, since);
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('Sign-in code').fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  // The code has 4 tries left, the sign-in 9: only the smaller count is shown.
  await expect(summary(page)).toHaveText(
    'That code isn’t right. Check the latest message and try again. 4 tries left.',
  );
  await expectInvalidAndFocused(page.getByLabel('Sign-in code'), /4 tries left\./);
  await expect(page.getByText(/9 tries/)).toHaveCount(0);
});

test('account recovery: a wrong answer is tied to the answer field', async ({ page }) => {
  // A member, so an admin exists who could approve the request.
  const victim = await seedColleague((await seedVictim()).user, { totp: true });
  const set = await setSecurityQuestion(e2eDb(), {
    user: victim.user,
    password: PASSWORD,
    question: 'What was your childhood nickname?',
    answer: 'Sparky the Brave',
  });
  expect(set.ok).toBe(true);
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(victim.user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Can’t use your authenticator app or backup codes?' }).click();
  await page.getByLabel('Your answer').fill('Rover');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(summary(page)).toHaveText('That answer didn’t match. Check it and try again.');
  await expectInvalidAndFocused(page.getByLabel('Your answer'), /didn’t match/);
});

test('sign-up: a bad email keeps every other field and focuses the email', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Company name').fill('Kept Company');
  await page.getByLabel('Your name').fill('Kept Name');
  await page.getByLabel('Work email').fill('not-an-address');
  await page.getByLabel('Username (optional)').fill('kept_user');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(summary(page)).toBeVisible();
  await expectInvalidAndFocused(page.getByLabel('Work email'), /name@example\.com/);
  await expect(page.getByLabel('Work email')).toHaveValue('not-an-address');
  await expect(page.getByLabel('Company name')).toHaveValue('Kept Company');
  await expect(page.getByLabel('Your name')).toHaveValue('Kept Name');
  await expect(page.getByLabel('Username (optional)')).toHaveValue('kept_user');
});

test('forgot password: a bad address stays and has focus', async ({ page }) => {
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill('nobody-at-example');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(summary(page)).toContainText('Enter the email address of your account');
  await expect(page.getByLabel('Email')).toHaveValue('nobody-at-example');
  await expectInvalidAndFocused(page.getByLabel('Email'), /email address of your account/);
});

test('reset password: a weak new password is tied to its field and focused', async ({ page }) => {
  const victim = await seedVictim();
  const since = Date.now();
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(victim.user.email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByTestId('form-success')).toContainText('If an account uses that address');
  const mail = await waitForMessage(victim.user.email, (m) => m.at >= since && /reset-password\//.test(m.text));
  await page.goto(mail.text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/)![0]);
  await page.getByLabel('New password').fill('password1234');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(summary(page)).toBeVisible();
  await expectInvalidAndFocused(page.getByLabel('New password'), /./);
});

test('invitation: different passwords focus the repeat field; then sign-in has the email filled in', async ({
  page,
}) => {
  const admin = await seedVictim();
  const db = e2eDb();
  const email = `invitee-${Date.now()}@example.com`;
  const [invitee] = await db
    .insert(users)
    .values({
      companyId: admin.user.companyId,
      name: 'New Hire',
      email,
      roleId: await builtInRoleId(db, admin.user.companyId, 'member'),
    })
    .returning();
  const token = await createInvitation(db, { userId: invitee.id, invitedBy: admin.user.id, now: new Date() });
  await page.goto(`/invite/${token}`);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(`${PASSWORD}!`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(summary(page)).toHaveText('The two passwords are different.');
  await expectInvalidAndFocused(page.getByLabel('Repeat the password'), /same password/);

  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/invite\/accepted$/);
  await expect(page.getByLabel('Email or username')).toHaveValue(email);
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
  expect((await db.select().from(users).where(eq(users.id, invitee.id)))[0].passwordHash).toBeTruthy();
});
