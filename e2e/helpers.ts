import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'quartz lantern orbit meadow 42';

export type Account = { email: string; password: string; name: string; company: string };

/**
 * A new company and admin with a random email, signed up through the UI: the form, then the
 * link from the email, confirmed with its button (and left signed in).
 */
export async function signUpNewCompany(
  page: Page,
  overrides: Partial<Account> & { username?: string } = {},
): Promise<Account> {
  const tag = randomBytes(4).toString('hex');
  const account = {
    email: `admin-${tag}@example.com`,
    password: PASSWORD,
    name: `Admin ${tag}`,
    company: `Company ${tag}`,
    ...overrides,
  };
  await requestSignUp(page, account, overrides.username);
  await expect(page.getByTestId('form-success')).toContainText('Check your email');
  await page.goto(signUpLink((await waitForMessage(account.email, isSignUpLink)).text));
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(account.company);
  return account;
}

/** Fills and sends the sign-up form. */
export async function requestSignUp(
  page: Page,
  account: { email: string; password: string; name: string; company: string },
  username?: string,
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Company name').fill(account.company);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Work email').fill(account.email);
  if (username) await page.getByLabel('Username (optional)').fill(username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export const isSignUpLink = (m: FakeMessage) => /\/signup\/confirm\//.test(m.text);

/** The confirm link in a sign-up email's text. */
export function signUpLink(text: string): string {
  const link = text.match(/https?:\/\/[^\s\]]+\/signup\/confirm\/[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no sign-up link in: ${text}`);
  return link;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Step one of sign-in: identifier and password (on another app instance when `origin` is given). */
export async function submitPassword(page: Page, identifier: string, password: string, origin = ''): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The test's authenticator app: it computes codes from the Key shown on the page, and like a
 * person it never offers the same 30-second code twice (each call moves to a later step,
 * waiting for the clock when the next step would be outside the server's ±1 window).
 */
export class TotpDevice {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  async nextCode(): Promise<string> {
    const { generateSync } = await import('otplib');
    for (;;) {
      const nowStep = Math.floor(Date.now() / 30_000);
      const step = Math.max(nowStep, this.lastStep + 1);
      if (step <= nowStep + 1) {
        this.lastStep = step;
        return generateSync({ secret: this.secret, epoch: step * 30 });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** Turns on authenticator 2FA from Account › Security; returns the device and the backup codes. */
export async function enableTotp(page: Page, password = PASSWORD): Promise<{ device: TotpDevice; codes: string[] }> {
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up' }).click();
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  const device = new TotpDevice(key);
  const form = page.getByRole('form', { name: 'Enable two-factor authentication' });
  // Within the session's re-authentication window (a 2FA sign-in or a password in the last 10
  // minutes) the form asks for no password (issue 9).
  const passwordField = form.getByLabel('Password');
  if (await passwordField.count()) await passwordField.fill(password);
  await form.getByLabel('6-digit code from the app').fill(await device.nextCode());
  await page.getByRole('button', { name: 'Enable Two-Factor Authentication' }).click();
  await expect(page.getByRole('heading', { name: 'Save your backup codes' })).toBeVisible();
  const codes = await page.getByTestId('backup-code').allTextContents();
  return { device, codes };
}

/** Leaves the one-time codes view the way a careful user does: download, tick, continue. */
export async function saveCodesAndContinue(page: Page): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download (.txt)' }).click();
  await download;
  await page.getByLabel('I have saved these codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
}

export type FakeMessage = {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  at: number;
};

/** What the fake Resend/Twilio received for one recipient, oldest first. */
export async function messagesTo(to: string): Promise<FakeMessage[]> {
  const { FAKES_URL } = await import('./config');
  const response = await fetch(`${FAKES_URL}/_messages?to=${encodeURIComponent(to)}`);
  return (await response.json()) as FakeMessage[];
}

/** Waits for the newest message to `to` that matches, and returns it. */
export async function waitForMessage(
  to: string,
  match: (m: FakeMessage) => boolean = () => true,
): Promise<FakeMessage> {
  let found: FakeMessage | undefined;
  await expect
    .poll(
      async () => {
        found = (await messagesTo(to)).filter(match).at(-1);
        return Boolean(found);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}
