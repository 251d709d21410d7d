import { expect, test } from '@playwright/test';
import { messagesTo, PASSWORD, submitPassword, waitForMessage } from '../helpers';
import { openConfirmed } from '../admin/helpers';
import { adminAndMemberWithTotp, ANSWER, linkIn, QUESTION, stuckAtChallenge } from './setup';

const STARTED = 'Confirm your recovery request';

test('lost device: security answer, emailed link and an admin’s Reset 2FA, then the password alone signs in', async ({
  browser,
}) => {
  const { admin, account, member, memberEmail, memberName, close } = await adminAndMemberWithTotp(browser);
  await stuckAtChallenge(member, memberEmail);
  await expect(member.getByTestId('recovery-question')).toHaveText(QUESTION);
  await member.getByLabel('Your answer').fill(`  ${ANSWER.toLowerCase()} `);
  await member.getByRole('button', { name: 'Continue' }).click();
  await expect(member.getByTestId('form-success')).toHaveText('We sent a link to m•••@example.com.');
  await expect(member.getByTestId('recovery-sent')).toContainText('Open it within');

  const confirmLink = linkIn(
    (await waitForMessage(memberEmail, (m) => m.subject === STARTED)).text,
    '/recover/confirm/',
  );
  await member.goto(confirmLink);
  await member.getByRole('button', { name: 'Send my request to the administrators' }).click();
  await expect(member.getByTestId('form-success')).toContainText('Your request was sent to your administrators.');
  await waitForMessage(memberEmail, (m) => m.subject === 'Your recovery request was sent to your administrators');
  await waitForMessage(account.email, (m) => m.subject === `Recovery request from ${memberName}`);
  await member.goto(confirmLink);
  await expect(member.getByTestId('link-problem')).toContainText('already used');

  await openConfirmed(admin, '/admin/users');
  const request = admin.getByTestId('recovery-request').filter({ hasText: memberEmail });
  await expect(request.getByTestId('answer-verified')).toContainText('Security question answered ✓ at');
  await expect(request.getByTestId('email-verified')).toContainText('Email link opened ✓ at');
  await request.getByLabel(`I checked that I am talking to ${memberName}`).check();
  await request.getByRole('button', { name: 'Reset 2FA' }).click();
  await expect(admin.getByTestId('form-success')).toContainText(
    `Two-factor authentication was reset for ${memberName}.`,
  );
  await expect(admin.getByTestId('no-recovery-requests')).toBeVisible();
  await waitForMessage(memberEmail, (m) => m.subject === 'Your recovery request was approved');

  await submitPassword(member, memberEmail, PASSWORD);
  await expect(member.getByTestId('company-name')).toHaveText(account.company);
  await member.goto('/account/security');
  await expect(member.getByTestId('twofactor-status')).toContainText('Off');
  await close();
});

test('a correct answer without the email link removes nothing: no request for the admin, TOTP still asked', async ({
  browser,
}) => {
  const { admin, account, member, memberEmail, memberName, device, close } = await adminAndMemberWithTotp(browser);
  await stuckAtChallenge(member, memberEmail);
  await member.getByLabel('Your answer').fill(ANSWER);
  await member.getByRole('button', { name: 'Continue' }).click();
  await expect(member.getByTestId('recovery-sent')).toBeVisible();

  // A mail scanner fetching the link (GET) must not confirm it either.
  const confirmLink = linkIn(
    (await waitForMessage(memberEmail, (m) => m.subject === STARTED)).text,
    '/recover/confirm/',
  );
  expect((await member.request.get(confirmLink)).status()).toBe(200);

  await admin.goto('/admin/users');
  await expect(admin.getByTestId('no-recovery-requests')).toBeVisible();
  await expect(admin.getByRole('region', { name: 'Recovery requests' }).getByText(memberName)).toHaveCount(0);

  await submitPassword(member, memberEmail, PASSWORD);
  await expect(member).toHaveURL(/\/login\/verify$/);
  await member.getByLabel('Authenticator code').fill(await device.nextCode());
  await member.getByRole('button', { name: 'Verify' }).click();
  await expect(member.getByTestId('company-name')).toHaveText(account.company);
  await member.goto('/account/security');
  await expect(member.getByTestId('twofactor-status')).toContainText('On since');
  await expect(member.getByTestId('twofactor-status')).toContainText('10 backup codes left');
  await close();
});

test('a wrong answer says only that it didn’t match, and sends nothing', async ({ browser }) => {
  const { member, memberEmail, close } = await adminAndMemberWithTotp(browser);
  await stuckAtChallenge(member, memberEmail);
  await member.getByLabel('Your answer').fill('Rover');
  await member.getByRole('button', { name: 'Continue' }).click();
  await expect(member.getByTestId('form-error')).toHaveText('That answer didn’t match. Check it and try again.');
  // The server never sends the answer back; the field keeps what was typed, selected, so a typo can be fixed.
  await expect(member.getByLabel('Your answer')).toBeFocused();
  await expect(member.getByLabel('Your answer')).toHaveAttribute('aria-invalid', 'true');
  await expect(member.getByTestId('recovery-sent')).toHaveCount(0);
  expect((await messagesTo(memberEmail)).filter((m) => m.subject === STARTED)).toEqual([]);
  await close();
});

test('without a security question the page says to contact the administrator; without a sign-in, to sign in again', async ({
  browser,
}) => {
  const { member, memberEmail, close } = await adminAndMemberWithTotp(browser, { question: false });
  await member.goto('/login/recover');
  await expect(member.getByRole('heading', { name: 'Sign in again' })).toBeVisible();
  await stuckAtChallenge(member, memberEmail);
  await expect(member.getByRole('heading', { name: 'Account recovery' })).toBeVisible();
  await expect(member.getByTestId('contact-admin')).toContainText('administrator');
  await expect(member.getByLabel('Your answer')).toHaveCount(0);
  await close();
});
