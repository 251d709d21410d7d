/**
 * Issue 9: sign-in with each method using the keyboard alone (typing, Tab and Enter; no clicks).
 * Each journey seeds its own user; codes come from otplib (the user's "phone") or the fake
 * Resend/Twilio (the user's inbox and phone).
 */
import { expect, test } from '@playwright/test';
import { seedColleague, seedVictim } from '../security/attacker';
import { keyboardPassword, randomMobile, sentCode, tabTo } from './sign-in-helpers';

test('authenticator app: password, then the authenticator code, keyboard only', async ({ page }) => {
  const victim = await seedVictim({ totp: true });
  await keyboardPassword(page, victim.user.email);
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await expect(page.getByLabel('Authenticator code')).toBeFocused();
  await page.keyboard.type(await victim.device!.nextCode());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('company-name')).toHaveText(victim.company.name);
});

test('backup code: Tab to “Use Backup Code”, Enter, type the code, Enter', async ({ page }) => {
  const victim = await seedVictim({ totp: true });
  await keyboardPassword(page, victim.user.email);
  await expect(page.getByLabel('Authenticator code')).toBeFocused();
  await tabTo(page, 'Use Backup Code');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Backup code')).toBeFocused();
  await page.keyboard.type(victim.backupCodes![0]);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account\/security\?backupCodeUsed=1$/);
  await expect(page.getByTestId('company-name')).toHaveText(victim.company.name);
});

test('a sign-in code by email: sent at once, typed from the inbox, keyboard only', async ({ page }) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const member = await seedColleague(admin.user);
  const since = Date.now();
  await keyboardPassword(page, member.user.email);
  await expect(page.getByTestId('code-destination')).toContainText(
    `We sent a sign-in code by email to ${member.user.email[0]}•••@example.com at`,
  );
  await expect(page.getByLabel('Sign-in code')).toBeFocused();
  await page.keyboard.type(await sentCode(member.user.email, since));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
});

test('a sign-in code by text message: sent at once, typed from the phone, keyboard only', async ({ page }) => {
  const admin = await seedVictim({ companyTwoFactor: true });
  const mobile = randomMobile();
  const member = await seedColleague(admin.user, { mobile });
  const since = Date.now();
  await keyboardPassword(page, member.user.email);
  await expect(page.getByTestId('code-destination')).toContainText(
    `We sent a sign-in code by text message to ••••${mobile.slice(-4)} at`,
  );
  await expect(page.getByLabel('Sign-in code')).toBeFocused();
  await page.keyboard.type(await sentCode(mobile, since));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('company-name')).toHaveText(admin.company.name);
});
