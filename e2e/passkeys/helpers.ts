import { expect, type CDPSession, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { auditEvents, users } from '../../lib/db/schema';
import { e2eDb } from '../db';

/**
 * Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): a platform passkey
 * that verifies the user, as a laptop's fingerprint reader would.
 */
export async function addAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Adds a passkey named `name` on Account › Security (the password when the page asks for it). */
export async function addPasskey(page: Page, name: string, password?: string): Promise<void> {
  await page.goto('/account/security');
  const section = page.getByTestId('passkeys-section');
  await section.getByLabel('Name').fill(name);
  if (password) await section.getByLabel('Password').fill(password);
  await section.getByRole('button', { name: 'Add a passkey or security key' }).click();
  await expect(section.getByTestId('form-success')).toContainText('Passkey added');
  await expect(section.getByTestId('passkey-row').filter({ hasText: name })).toBeVisible();
}

/** The audit types written about the user with `email`. */
export async function auditTypesFor(email: string): Promise<string[]> {
  const db = e2eDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
  return rows.map((r) => r.type);
}
