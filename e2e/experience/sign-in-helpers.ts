import { expect, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb } from '../db';
import { PASSWORD, waitForMessage, type FakeMessage } from '../helpers';

export const codeIn = (m: FakeMessage) => m.text.match(/\b(\d{6})\b/)![1];
export const after = (since: number) => (m: FakeMessage) => m.at >= since;

/** A mobile number the fake Twilio accepts, new for each test. */
export const randomMobile = () => `+4477009${Math.floor(10000 + Math.random() * 89999)}`;

/** The accessible name of what has focus now. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab (forward) until the control named `name` has focus, like a keyboard user would. */
export async function tabTo(page: Page, name: string | RegExp, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Step one with the keyboard only: the first field has focus, Tab to the password, Enter sends. */
export async function keyboardPassword(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await expect(page.getByLabel('Email or username')).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** The resend cooldown of the user's sign-in is over (the clock, not a 30-second wait). */
export async function endResendCooldown(userId: string): Promise<void> {
  await e2eDb().execute(sql`update login_codes set sent_at = now() - interval '1 minute'
    where challenge_id in (select id from login_challenges where user_id = ${userId})`);
  await e2eDb().execute(sql`delete from rate_limits where key like 'otp:send:%'
    and split_part(key, ':', 3) in (select id::text from login_challenges where user_id = ${userId})`);
}

/** The newest sign-in code sent to `to` since `since`. */
export async function sentCode(to: string, since: number): Promise<string> {
  return codeIn(await waitForMessage(to, after(since)));
}
