import { expect, test, type Page } from '@playwright/test';
import { FAKES_URL } from '../config';
import { seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { openConfirmed } from '../admin/helpers';

/** The fake Resend refuses the next email to this address (a provider outage, as users meet it). */
const failNextEmailTo = (to: string) => fetch(`${FAKES_URL}/_fail`, { method: 'POST', body: JSON.stringify({ to }) });
const success = (page: Page, form: string) => page.getByRole('form', { name: form }).getByTestId('form-success');

test('an email that could not be sent is never confirmed as sent; Activity says who did what, in plain words', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Mail Member' });
  await openConfirmed(page, `/admin/users/${member.id}`);

  // The provider refuses: the change stands, and the admin is told to pass it on.
  await failNextEmailTo(member.email);
  await page.getByRole('button', { name: 'Use SMS/Email' }).click();
  await expect(success(page, 'Use SMS/Email')).toHaveText(
    'Saved, but we could not email the user: tell them yourself.',
  );

  await failNextEmailTo(member.email);
  await page.getByLabel(/I checked that I am talking to/).check();
  await page.getByRole('button', { name: 'Reset 2FA' }).click();
  const reset = success(page, 'Reset two-factor authentication');
  await expect(reset).toContainText('Two-factor authentication was reset');
  await expect(reset).toContainText('but we could not email them: tell them yourself.');
  await expect(reset).not.toContainText('We emailed');

  await failNextEmailTo(member.email);
  const edit = page.getByRole('form', { name: 'Edit user' });
  const auditor = await edit.getByRole('option', { name: /^Auditor/ }).getAttribute('value');
  await edit.getByLabel('Role').selectOption(auditor!);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(success(page, 'Edit user')).toHaveText(
    'Saved, but we could not email the user about the change: tell them yourself.',
  );
  await expect(page.getByText(/We emailed/)).toHaveCount(0);

  // When the provider accepts, the confirmation says so.
  await page.getByRole('button', { name: 'Unlock sign-in' }).click();
  await expect(success(page, 'Unlock sign-in')).toHaveText('Sign-in is unlocked. We emailed the user.');

  await page.goto('/admin/activity');
  const table = page.getByTestId('activity');
  const rows = table.getByRole('row');
  const failed = rows.filter({ hasText: 'An email could not be sent' });
  await expect(failed).toHaveCount(3);
  // Nobody "did" a failed email, least of all its recipient: Latchkey tried, for the member.
  for (const row of await failed.all()) {
    await expect(row.getByTestId('activity-by')).toHaveText('Latchkey (automatic)');
    await expect(row.getByTestId('activity-for')).toHaveText(member.email);
  }
  await expect(failed.first().getByTestId('activity-detail')).toHaveText('“Your account details were changed”');

  const edited = rows.filter({ hasText: 'Edited a user' });
  await expect(edited.getByTestId('activity-detail')).toHaveText('Gave the role “Auditor”');
  await expect(edited.getByTestId('activity-by')).toHaveText(admin.email);
  await expect(edited.getByTestId('activity-for')).toHaveText(member.email);
  await expect(edited.getByTestId('activity-address')).toHaveText(/^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+$/);

  await expect(rows.filter({ hasText: 'Chose a user’s sign-in method' }).getByTestId('activity-detail')).toHaveText(
    'Sign-in code by SMS/Email',
  );
  await expect(rows.filter({ hasText: 'Reset a user’s two-factor authentication' })).toHaveCount(1);
  // No internal names, no raw provider errors, no IPv4 written the IPv6 way.
  for (const internal of ['isApiAccount', '::ffff:', 'Resend', 'email.failed', '_by_admin', 'changed:'])
    await expect(table).not.toContainText(internal);
});
