import { expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies, users } from '../../lib/db/schema';
import { FAKES_URL } from '../config';
import { e2eDb } from '../db';
import { fakeDuoSettings } from '../fakes/duo-settings';
import { waitForMessage, type FakeMessage } from '../helpers';

/** The company of `adminEmail` requires 2FA and uses Duo with the fake's keys (as a saved Configure dialog leaves it). */
export async function configureFakeDuo(adminEmail: string): Promise<void> {
  const db = e2eDb();
  const [admin] = await db.select().from(users).where(eq(users.email, adminEmail.toLowerCase()));
  await db
    .update(companies)
    .set({
      twoFactorRequired: true,
      ...fakeDuoSettings(admin.companyId),
    })
    .where(eq(companies.id, admin.companyId));
}

/** Scripts the fake Duo, as a person with a phone would act (/_duo/* of e2e/fakes/duo-script.ts). */
export async function duoScript(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${FAKES_URL}/_duo/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path}: ${await response.text()}`).toBe(true);
}

/** Finishes a sign-in whose code went by email, reading it from the fake Resend. */
export async function enterEmailedCode(page: Page, email: string, since: number): Promise<void> {
  const message = await waitForMessage(email, (m: FakeMessage) => m.at >= since);
  await page.getByLabel('Sign-in code').fill(message.text.match(/\b(\d{6})\b/)![1]);
  await page.getByRole('button', { name: 'Verify' }).click();
}
