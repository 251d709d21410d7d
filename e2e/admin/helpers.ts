import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { REAUTH_WINDOW_MS } from '../../lib/limits';
import { e2eDb } from '../db';
import { PASSWORD, TotpDevice } from '../helpers';

/**
 * On the "Confirm your password" page an admin screen sent us to: confirms with the password and
 * waits until the browser is back where it was going.
 */
export async function confirmIdentity(page: Page, password = PASSWORD): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Confirm your password' })).toBeVisible();
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page).not.toHaveURL(/\/admin\/confirm/);
}

/**
 * Opens an admin page with the admin's identity confirmed ("sudo mode"): the confirm page asks
 * for the password unless this session confirmed within the window, then returns to `path`.
 */
export async function openConfirmed(page: Page, path: string, password = PASSWORD): Promise<void> {
  await page.goto(`/admin/confirm?next=${encodeURIComponent(path)}`);
  if (new URL(page.url()).pathname === '/admin/confirm') await confirmIdentity(page, password);
  await expect(page).toHaveURL((url) => url.pathname === path);
}

/** Time passes for every session of this user: their last confirmation is now outside the window. */
export async function expireConfirmations(email: string): Promise<void> {
  const ago = sql`make_interval(secs => ${(REAUTH_WINDOW_MS + 60_000) / 1000})`;
  await e2eDb().execute(sql`update sessions
    set reauthenticated_at = reauthenticated_at - ${ago}, second_factor_at = second_factor_at - ${ago}
    where user_id = (select id from users where email = ${email.toLowerCase()})`);
}

/**
 * As a signed-in admin: sets up an authenticator for a user from their page, the way an admin
 * does with the user beside them. Returns the "phone" holding the key shown on the admin's screen.
 */
export async function configureTotpFor(page: Page, userId: string): Promise<TotpDevice> {
  await openConfirmed(page, `/admin/users/${userId}`);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  const device = new TotpDevice(key);
  await page.getByLabel('6-digit code from the user’s app').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(page.getByTestId('admin-twofactor-status')).toContainText('Authenticator app: active');
  return device;
}

/** The invitation link in an email's text. */
export function invitationLink(text: string): string {
  const link = text.match(/https?:\/\/[^\s\]]+\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no invitation link in: ${text}`);
  return link;
}

/** Serious and critical WCAG 2.1 A/AA problems on the page as it is now. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
