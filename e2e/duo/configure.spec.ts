import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies, users } from '../../lib/db/schema';
import { openConfirmed } from '../admin/helpers';
import { FAKE_DUO } from '../config';
import { e2eDb } from '../db';
import { signUpNewCompany } from '../helpers';
import { enterEmailedCode } from './helpers';

async function openDialog(page: Page) {
  await page.getByRole('button', { name: 'Configure' }).click();
  return page.getByRole('dialog', { name: '2F Authentication' });
}

async function storedDuo(email: string) {
  const db = e2eDb();
  const [admin] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  const [company] = await db.select().from(companies).where(eq(companies.id, admin.companyId));
  return { ikey: company.duoIntegrationKey, host: company.duoApiHost, secret: company.duoSecretKeyEncrypted };
}

test('an admin saves Duo keys Duo accepts; wrong ones are refused in plain words and nothing is saved', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company');
  let dialog = await openDialog(page);
  await dialog.getByLabel('Enable 2FA').check();
  await dialog.getByLabel('Duo', { exact: true }).check();
  // Where the three values come from, and Duo's free plan.
  await expect(dialog.getByText(/Protect an Application, choose “Auth API”/)).toBeVisible();
  await expect(dialog.getByRole('link', { name: /Duo Free/ })).toHaveAttribute('href', /duo\.com/);

  // A secret that is not this integration's: Duo (the fake) refuses the signature.
  await dialog.getByLabel('Integration key').fill(FAKE_DUO.ikey);
  await dialog.getByLabel('Secret key').fill('Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep');
  await dialog.getByLabel('API hostname').fill(FAKE_DUO.host);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert').getByTestId('form-error')).toContainText('Nothing was saved.');
  await expect(dialog.getByLabel('Secret key')).toHaveAccessibleDescription(/Secret Key does not belong/);
  expect(await storedDuo(admin.email)).toEqual({ ikey: null, host: null, secret: null });

  // The right secret: saved, and the page says so.
  await dialog.getByLabel('Secret key').fill(FAKE_DUO.skey);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('company-2fa-saved')).toContainText('Saved.');
  const saved = await storedDuo(admin.email);
  expect(saved).toMatchObject({ ikey: FAKE_DUO.ikey, host: FAKE_DUO.host });
  expect(saved.secret).not.toContain(FAKE_DUO.skey);

  // The admin's own session now passes a second factor, then opens the dialog again.
  const since = Date.now();
  await page.reload();
  await page.getByRole('button', { name: 'Continue' }).click();
  await enterEmailedCode(page, admin.email, since);
  await expect(page.getByTestId('company-name')).toBeVisible();
  await openConfirmed(page, '/admin/company');
  expect(await page.content()).not.toContain(FAKE_DUO.skey);
  dialog = await openDialog(page);
  await expect(dialog.getByLabel('Integration key')).toHaveValue(FAKE_DUO.ikey);
  await expect(dialog.getByLabel('Secret key')).toHaveValue('');
  await expect(dialog.getByLabel('Secret key')).toHaveAccessibleDescription(/A secret key is stored/);

  // An integration key Duo does not know, the stored secret kept: refused on that field.
  await dialog.getByLabel('Integration key').fill('DIWJ8X6AEYOR5OMC6TQ1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Integration key')).toHaveAccessibleDescription(/Duo does not recognise/);
  // A hostname that is not Duo's is refused before Duo is asked.
  await dialog.getByLabel('API hostname').fill('https://duo.example.com/');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('API hostname')).toHaveAccessibleDescription(/api-1a2b3c4d\.duosecurity\.com/);

  // Nothing was saved: reopened, the dialog shows the values that work, and so does the database.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  dialog = await openDialog(page);
  await expect(dialog.getByLabel('Integration key')).toHaveValue(FAKE_DUO.ikey);
  await expect(dialog.getByLabel('API hostname')).toHaveValue(FAKE_DUO.host);
  expect(await storedDuo(admin.email)).toEqual(saved);
});
