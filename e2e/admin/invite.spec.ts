import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PASSWORD, signOut, signUpNewCompany, waitForMessage } from '../helpers';
import { invitationLink } from './helpers';

const NEW_PASSWORD = 'velvet compass harbour 77 rain';

test('an admin invites a user; the user sets a password from the email and signs in; the link works once', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const email = `invitee-${randomBytes(4).toString('hex')}@example.com`;

  await page.goto('/admin/users');
  await page.getByRole('link', { name: 'Invite user' }).click();
  await page.getByLabel('Name').fill('Ingrid Invitee');
  await page.getByLabel('Email').fill(admin.email.toUpperCase());
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('This person is already a user of your company.').first()).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Ingrid Invitee');

  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Invitation sent');
  await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText('Invited, no password yet');

  const mail = await waitForMessage(email, (m) => m.subject === `Join ${admin.company} on Latchkey`);
  const link = invitationLink(mail.text);
  await signOut(page);

  await page.goto(link);
  await expect(page.getByTestId('invitee')).toHaveText('Ingrid Invitee');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByLabel('Repeat the password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Your password is set');

  await page.getByLabel('Email or username').fill(email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(admin.company);
  await signOut(page);

  await page.goto(link);
  await expect(page.getByTestId('form-error')).toContainText('already used');
  await expect(page.getByLabel('New password')).toHaveCount(0);
});

test('inviting an address of another company answers like any invitation and changes nothing there', async ({
  page,
}) => {
  const other = await signUpNewCompany(page);
  await signOut(page);
  const admin = await signUpNewCompany(page);

  await page.goto('/admin/users/invite');
  await page.getByLabel('Name').fill('Someone Else');
  await page.getByLabel('Email').fill(other.email.toUpperCase());
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('form-success')).toContainText('Invitation sent');

  // The other company's user is told, gets no link, and their account is as it was.
  const notice = await waitForMessage(other.email, (m) => m.subject === 'Someone tried to invite you to Latchkey');
  expect(notice.text).toContain(admin.company);
  expect(notice.text).not.toMatch(/\/invite\//);
  await signOut(page);
  await page.getByLabel('Email or username').fill(other.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(other.company);
});
