import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createCompany } from '../../lib/accounts/create-company';
import { hashPassword } from '../../lib/crypto/password';
import { encrypt } from '../../lib/crypto/encryption';
import { companies, users } from '../../lib/db/schema';
import { duoSecretContext } from '../../lib/duo/company-client';
import { FAKE_DUO, FAKES_URL } from '../config';
import { e2eDb } from '../db';
import { PASSWORD, signOut, submitPassword } from '../helpers';

const DEVICE = 'iOS (XXX-XXX-0100)';

/** A company that requires 2FA with Duo (the fake's keys) and trusts browsers for 7 days, and a user who chose Duo. */
async function duoUser() {
  const db = e2eDb();
  const email = `duo-${randomBytes(4).toString('hex')}@example.com`;
  const user = await createCompany(db, {
    companyName: 'Duo Co',
    name: 'Dana Duo',
    email,
    passwordHash: await hashPassword(PASSWORD),
  });
  await db
    .update(companies)
    .set({
      twoFactorRequired: true,
      allowDuo: true,
      trustedBrowserDays: 7,
      duoIntegrationKey: FAKE_DUO.ikey,
      duoApiHost: FAKE_DUO.host,
      duoSecretKeyEncrypted: encrypt(FAKE_DUO.skey, duoSecretContext(user.companyId)),
    })
    .where(eq(companies.id, user.companyId));
  await db.update(users).set({ preferredMethod: 'duo' }).where(eq(users.id, user.id));
  const response = await fetch(`${FAKES_URL}/_duo/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: email, push: { outcome: 'allow', delayMs: 1_000 } }),
  });
  expect(response.ok).toBe(true);
  return email;
}

test('an approved Duo Push with “Don’t ask again” ticked: the next sign-in asks only the password', async ({
  page,
}) => {
  const email = await duoUser();
  await submitPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  await page.getByLabel('Don’t ask again on this browser for 7 days').check();
  await page.getByRole('button', { name: `Send Duo Push to ${DEVICE}` }).click();
  await expect(page).toHaveURL(/\/$/, { timeout: 15_000 });
  await signOut(page);

  await submitPassword(page, email, PASSWORD);
  await expect(page.getByTestId('company-name')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
});
