import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../lib/db/schema';
import { e2eDb, seedMember } from '../db';
import { PASSWORD, signUpNewCompany, submitPassword } from '../helpers';
import { openConfirmed } from '../admin/helpers';

test('deleting a user needs their email typed exactly; afterwards Activity still names them', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Departing Member' });
  // Something of theirs in Activity: they sign in once.
  const memberPage = await (await browser.newContext()).newPage();
  await submitPassword(memberPage, member.email, PASSWORD);
  await expect(memberPage.getByTestId('company-name')).toHaveText(admin.company);

  await openConfirmed(page, `/admin/users/${member.id}`);
  const form = page.getByRole('form', { name: 'Delete user' });
  const confirmation = form.getByLabel(`Type their email, ${member.email}, to confirm`);
  await confirmation.fill('someone-else@example.com');
  await form.getByRole('button', { name: 'Delete user' }).click();
  const message = `To delete this user, type their email, ${member.email}, exactly.`;
  await expect(form.getByTestId('form-error')).toHaveText(message);
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toHaveAttribute('aria-invalid', 'true');
  // What was typed stays, so the admin sees the mistake.
  await expect(confirmation).toHaveValue('someone-else@example.com');
  expect(await e2eDb().select().from(users).where(eq(users.id, member.id))).toHaveLength(1);

  await confirmation.fill(member.email.toUpperCase());
  await form.getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/admin\/users\?notice=deleted$/);
  await expect(page.getByTestId('form-success')).toHaveText(
    'The user was deleted. Activity still lists their events under their email.',
  );
  await expect(page.getByTestId('users-table')).not.toContainText('Departing Member');
  expect(await e2eDb().select().from(users).where(eq(users.id, member.id))).toEqual([]);
  expect((await page.goto(`/admin/users/${member.id}`))?.status()).toBe(404);

  // Their session went with them.
  await memberPage.goto('/account/security');
  await expect(memberPage).toHaveURL(/\/login/);
  await memberPage.context().close();

  await page.goto('/admin/activity');
  const deleted = `deleted user ${member.email}`;
  const deletion = page.getByRole('row').filter({ hasText: 'Deleted a user' });
  await expect(deletion.getByTestId('activity-by')).toHaveText(admin.email);
  await expect(deletion.getByTestId('activity-for')).toHaveText(deleted);
  await expect(deletion.getByTestId('activity-detail')).toHaveText('Name: Departing Member');
  const signIn = page.getByRole('row').filter({ hasText: 'Signed in' }).filter({ hasText: deleted });
  await expect(signIn.getByTestId('activity-by')).toHaveText(deleted);
});
