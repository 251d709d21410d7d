import { expect, test } from '@playwright/test';
import { seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { openConfirmed } from '../admin/helpers';

// One test per admin form: a refused submit keeps what the admin typed or chose, announces the
// error and puts the focus on the first field to fix, tied to its message.

test('Configure dialog: a bad Duo hostname keeps every choice and focuses that field', async ({ page }) => {
  await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company');
  await page.getByRole('button', { name: 'Configure' }).click();
  const dialog = page.getByRole('dialog', { name: '2F Authentication' });
  await dialog.getByLabel('Enable 2FA').check();
  await dialog.getByLabel('Authenticator app').uncheck();
  await dialog.getByLabel('Duo', { exact: true }).check();
  await dialog.getByLabel('Integration key').fill('DIABCDEFGHIJKLMNOPQR');
  await dialog.getByLabel('Secret key').fill('a'.repeat(40));
  await dialog.getByLabel('API hostname').fill('duo.example.com');
  await dialog.getByRole('button', { name: 'Save' }).click();

  await expect(dialog.getByRole('alert').getByTestId('form-error')).toContainText('Check the Duo settings.');
  const host = dialog.getByLabel('API hostname');
  await expect(host).toBeFocused();
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toHaveAccessibleDescription(/looks like api-1a2b3c4d\.duosecurity\.com/);
  await expect(host).toHaveValue('duo.example.com');
  await expect(dialog.getByLabel('Integration key')).toHaveValue('DIABCDEFGHIJKLMNOPQR');
  await expect(dialog.getByLabel('Enable 2FA')).toBeChecked();
  await expect(dialog.getByLabel('Authenticator app')).not.toBeChecked();
  await expect(dialog.getByLabel('Duo', { exact: true })).toBeChecked();
  // Nothing was saved.
  await expect(page.getByTestId('company-2fa-status')).toContainText('Off');
});

test('Invite a user: a bad email keeps the name and role and focuses the email', async ({ page }) => {
  await signUpNewCompany(page);
  await page.goto('/admin/users/invite');
  await page.getByLabel('Name').fill('Pat Doe');
  await page.getByLabel('Email').fill('pat at example');
  const administrator = await page.getByRole('option', { name: /^Administrator/ }).getAttribute('value');
  await page.getByLabel('Role').selectOption(administrator!);
  await page.getByRole('button', { name: 'Send invitation' }).click();

  await expect(page.getByRole('alert').getByTestId('form-error')).toContainText(
    'Please correct the highlighted fields.',
  );
  const email = page.getByLabel('Email');
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Enter an email address like name@example.com.');
  await expect(email).toHaveValue('pat at example');
  await expect(page.getByLabel('Name')).toHaveValue('Pat Doe');
  await expect(page.getByLabel('Role')).toHaveValue(administrator!);
});

test('Session limits: values out of range stay as typed and the first one takes the focus', async ({ page }) => {
  await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company');
  const form = page.getByRole('form', { name: 'Session limits' });
  await form.getByLabel('Idle timeout (minutes)').fill('0');
  await form.getByLabel('Maximum session length (hours)').fill('999');
  await form.getByRole('button', { name: 'Save session settings' }).click();

  await expect(form.getByRole('alert').getByTestId('form-error')).toBeVisible();
  const idle = form.getByLabel('Idle timeout (minutes)');
  await expect(idle).toBeFocused();
  await expect(idle).toHaveAttribute('aria-invalid', 'true');
  await expect(idle).toHaveAccessibleDescription(/Enter a whole number of minutes from/);
  await expect(idle).toHaveValue('0');
  await expect(form.getByLabel('Maximum session length (hours)')).toHaveValue('999');
  await expect(form.getByLabel('Maximum session length (hours)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('company-sessions-status')).toContainText('30 minutes');
});

test('Edit user: an empty name and a bad email keep the mobile and role choice; focus goes to the name', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await openConfirmed(page, `/admin/users/${member.id}`);
  const form = page.getByRole('form', { name: 'Edit user' });
  await form.getByLabel('Name').fill('');
  await form.getByLabel('Email').fill('nobody');
  await form.getByLabel('Mobile (optional)').fill('+44 7911 123456');
  const administrator = await form.getByRole('option', { name: /^Administrator/ }).getAttribute('value');
  await form.getByLabel('Role').selectOption(administrator!);
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(form.getByRole('alert').getByTestId('form-error')).toContainText(
    'Please correct the highlighted fields.',
  );
  await expect(form.getByLabel('Name')).toBeFocused();
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Email')).toHaveValue('nobody');
  await expect(form.getByLabel('Mobile (optional)')).toHaveValue('+44 7911 123456');
  await expect(form.getByLabel('Role')).toHaveValue(administrator!);
});

test('Confirm your password: a wrong password is announced and the password field takes the focus', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  await page.goto(`/admin/users/${member.id}`);
  await expect(page.getByRole('heading', { name: 'Confirm your password' })).toBeVisible();
  const password = page.getByLabel('Your password');
  await password.fill('not my password');
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();

  await expect(page.getByRole('alert').getByTestId('form-error')).toContainText('That password is not right.');
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/That password is not right\./);
  await expect(page).toHaveURL(/\/admin\/confirm\?next=/);
});
