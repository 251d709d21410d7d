import type { Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { REAUTH_WINDOW_MS } from '../../lib/limits';
import { e2eDb } from '../db';

const PAST_WINDOW_SECONDS = REAUTH_WINDOW_MS / 1000 + 60;

/**
 * Moves the user's last confirmation (password or a 2FA sign-in) to just beyond the
 * re-authentication window: the clock, not a 10-minute wait. The session itself stays live.
 */
export async function closeReauthWindow(email: string): Promise<void> {
  await e2eDb().execute(sql`update sessions set reauthenticated_at = null,
    second_factor_at = case when second_factor_at is null then null
      else now() - make_interval(secs => ${PAST_WINDOW_SECONDS}) end
    where user_id = (select id from users where email = ${email.toLowerCase()})`);
}

/**
 * The company of `email` requires 2FA (authenticator apps allowed). Its sessions count as having
 * passed a second factor (before the window), so the page opens without a step-up.
 */
export async function requireCompanyTwoFactor(email: string): Promise<void> {
  await e2eDb().execute(sql`update companies set two_factor_required = true, allow_totp = true
    where id = (select company_id from users where email = ${email.toLowerCase()})`);
  await e2eDb().execute(sql`update sessions set reauthenticated_at = null,
    second_factor_at = now() - make_interval(secs => ${PAST_WINDOW_SECONDS})
    where user_id = (select id from users where email = ${email.toLowerCase()})`);
}

/**
 * Presses Tab until the focused element's accessible text matches `name` (keyboard only: the
 * way a keyboard user finds a control). Fails after `max` presses.
 */
export async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return [el.getAttribute('aria-label'), labelled, el.closest('label')?.textContent, el.textContent]
        .filter(Boolean)
        .join(' ')
        .trim();
    });
    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}
