import { expect, type Page } from '@playwright/test';
import { TotpDevice } from '../helpers';

/**
 * As a signed-in admin: sets up an authenticator for a user from their page, the way an admin
 * does with the user beside them. Returns the "phone" holding the key shown on the admin's screen.
 */
export async function configureTotpFor(page: Page, userId: string): Promise<TotpDevice> {
  await page.goto(`/admin/users/${userId}`);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  const device = new TotpDevice(key);
  await page.getByLabel('6-digit code from the user’s app').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('admin-twofactor-status')).toContainText('Authenticator app: active');
  return device;
}

/** The invitation link in an email's text. */
export function invitationLink(text: string): string {
  const link = text.match(/https?:\/\/[^\s\]]+\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no invitation link in: ${text}`);
  return link;
}
