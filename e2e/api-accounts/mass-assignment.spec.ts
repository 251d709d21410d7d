/**
 * Issue 11: the API Account flag and the role change only through the admin actions made for them.
 * A form post that adds `isApiAccount=on` (or a role) to another action's fields, the way a script
 * would, is ignored.
 */
import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { e2eDb, seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { openConfirmed } from '../admin/helpers';
import {
  actionNamed,
  builtActions,
  formFieldNames,
  resultOf,
  seedColleague,
  seedVictim,
  signInAs,
} from '../security/attacker';

type Row = { is_api_account: boolean; role_id: string; name: string };
const userRow = async (id: string) =>
  (
    (await e2eDb().execute(sql`select is_api_account, role_id, name from users where id = ${id}`)) as unknown as Row[]
  )[0];

test('a Details post with isApiAccount=on saves the details and ignores the flag', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Plain Member' });
  await openConfirmed(page, `/admin/users/${member.id}`);

  // In the browser: the form edited to carry the old checkbox's field, as DevTools allows.
  const form = page.getByRole('form', { name: 'Edit user' });
  await form.evaluate((el) => {
    const forged = Object.assign(document.createElement('input'), {
      type: 'hidden',
      name: 'isApiAccount',
      value: 'on',
    });
    el.append(forged);
  });
  await form.getByLabel('Name').fill('Renamed in the browser');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByTestId('form-success')).toContainText('Saved.');
  expect(await userRow(member.id)).toMatchObject({ name: 'Renamed in the browser', is_api_account: false });

  // From a script, with the admin's session.
  const [adminRow] = (await e2eDb().execute(
    sql`select id from users where email = ${admin.email.toLowerCase()}`,
  )) as unknown as Array<{ id: string }>;
  const session = await signInAs({ id: adminRow.id });
  const answer = await session.action('editUserAction', {
    userId: member.id,
    name: 'Renamed by a script',
    email: member.email,
    mobile: '',
    role: member.roleId,
    isApiAccount: 'on',
  });
  expect(resultOf(answer)?.ok).toBe(true);
  expect(await userRow(member.id)).toMatchObject({ name: 'Renamed by a script', is_api_account: false });
  const marks = await e2eDb().execute(
    sql`select 1 from audit_events where target_user_id = ${member.id} and type = 'api_account.marked'`,
  );
  expect(marks).toHaveLength(0);
});

test('a member cannot set their own API flag or role through any action, Account pages included', async () => {
  const victim = await seedVictim();
  const member = await seedColleague(victim.user);
  const before = await userRow(member.user.id);
  const administrator = await builtInRoleId(e2eDb(), victim.company.id, 'administrator');
  const session = await signInAs(member.user);
  // Every field any form of the app has, aimed at the member's own account and asking for more.
  const values: Record<string, string> = {
    userId: member.user.id,
    isApiAccount: 'on',
    role: administrator,
    roleId: administrator,
    choice: 'generate',
    confirmed: 'on',
    password: member.password,
    currentPassword: member.password,
    allowList: '',
    name: 'Robot',
  };
  const fields = Object.fromEntries([...formFieldNames(), 'isApiAccount', 'roleId'].map((n) => [n, values[n] ?? '']));

  const account = builtActions().filter((a) => a.hosts.some((host) => host.startsWith('/account')));
  expect(account.length).toBeGreaterThan(5);
  const admin = ['editUserAction', 'markApiAccountAction', 'rotateApiPasswordAction'].map(actionNamed);
  for (const action of [...account, ...admin]) {
    const host = action.hosts.find((h) => h.startsWith('/account')) ?? `/admin/users/${member.user.id}`;
    await session.action(action, fields, { path: host });
    await session.formAction(action, fields, { path: host });
    expect(await userRow(member.user.id), action.name).toMatchObject({
      is_api_account: false,
      role_id: before.role_id,
    });
  }
});
