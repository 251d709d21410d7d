/**
 * Issue 9 #7 and #11 on the challenge page: it says what really happened to the sign-in code,
 * "Send a new code" is announced, and a code pasted with spaces is not cut short.
 */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../lib/db/schema';
import { e2eDb } from '../db';
import { PASSWORD, submitPassword } from '../helpers';
import { seedColleague, seedVictim } from '../security/attacker';
import { endResendCooldown, sentCode } from './sign-in-helpers';

test('“Send a new code” announces “Code sent.” and the page shows the new code; the new code works', async ({
  page,
}) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const member = await seedColleague(admin.user);
  const first = Date.now();
  await submitPassword(page, member.user.email, PASSWORD);
  const old = await sentCode(member.user.email, first);
  await expect(page.getByRole('button', { name: /Send a new code \(\d+ s\)/ })).toBeDisabled();
  await endResendCooldown(member.user.id);
  await page.reload();
  const resent = Date.now();
  await page.getByRole('button', { name: 'Send a new code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Code sent.' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Send a new code \(\d+ s\)/ })).toBeDisabled();
  const fresh = await sentCode(member.user.email, resent);
  await page.getByLabel('Sign-in code').fill(old === fresh ? '000000' : old);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await page.getByLabel('Sign-in code').fill(fresh);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
});

test('before anything was sent the page says so and offers Send code; no code field until then', async ({ page }) => {
  const admin = await seedVictim({ companyTwoFactor: true, totp: true });
  // An authenticator first: no code is sent at the password step.
  await submitPassword(page, admin.user.email, PASSWORD);
  await expect(page.getByLabel('Authenticator code')).toBeVisible();
  await page.getByRole('link', { name: 'Get a sign-in code by text message or email' }).click();
  await expect(page.getByTestId('challenge-instruction')).toHaveText(
    'Send yourself a sign-in code, then enter it here.',
  );
  await expect(page.getByTestId('code-destination')).toHaveText(
    `No code has been sent yet. Press Send code and we’ll send one by email to ${admin.user.email[0]}•••@example.com.`,
  );
  await expect(page.getByText('Enter the sign-in code we sent you')).toHaveCount(0);
  await expect(page.getByLabel('Sign-in code')).toHaveCount(0);
  const since = Date.now();
  await page.getByRole('button', { name: 'Send code', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Code sent.' })).toBeVisible();
  await expect(page.getByTestId('code-destination')).toContainText('We sent a sign-in code by email');
  await expect(page.getByTestId('challenge-instruction')).toHaveText('Enter the sign-in code we sent you.');
  await page.getByLabel('Sign-in code').fill(await sentCode(admin.user.email, since));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
});

test('“1 2 3 4 5 6” pasted into the code field stays whole, and a spaced authenticator code signs in', async ({
  page,
}) => {
  const victim = await seedVictim({ totp: true });
  await submitPassword(page, victim.user.email, PASSWORD);
  const field = page.getByLabel('Authenticator code');
  await field.focus();
  await page.keyboard.insertText('1 2 3 4 5 6');
  await expect(field).toHaveValue('1 2 3 4 5 6');
  await field.fill('');
  const code = await victim.device!.nextCode();
  await field.focus();
  await page.keyboard.insertText(code.split('').join(' '));
  await expect(field).toHaveValue(code.split('').join(' '));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('company-name')).toHaveText(victim.company.name);
  expect((await e2eDb().select().from(users).where(eq(users.id, victim.user.id)))[0].lastSignInAt).toBeTruthy();
});
