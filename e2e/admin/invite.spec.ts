import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signOut, signUpNewCompany, waitForMessage } from '../helpers';
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
  await expect(page.getByText('An account with this email already exists.').first()).toBeVisible();
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
