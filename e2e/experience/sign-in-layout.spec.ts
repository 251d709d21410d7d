/**
 * Issue 9: the signed-out pages fit a 390 px phone (no sideways scrolling of the page) and pass axe
 * (serious and critical WCAG 2.1 A/AA problems) in light and dark mode. Screenshots of each go to
 * the test's output folder for a person to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { users } from '../../lib/db/schema';
import { setSecurityQuestion } from '../../lib/recovery/set-security-question';
import { createInvitation } from '../../lib/admin/issue-invitation';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { accessibilityProblems } from '../admin/helpers';
import { e2eDb } from '../db';
import { PASSWORD, submitPassword } from '../helpers';
import { seedColleague, seedVictim } from '../security/attacker';

test.use({ viewport: { width: 390, height: 844 } });

async function expectFits(page: Page, name: string) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `${name}: page wider than the screen`).toBeLessThanOrEqual(widths.client);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: test.info().outputPath(`${name}-${scheme}.png`), fullPage: true });
    expect(await accessibilityProblems(page), `${name} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('sign-in, sign-up, forgot password and an invitation fit 390 px', async ({ page }) => {
  for (const path of ['/login', '/signup', '/forgot-password']) {
    await page.goto(path);
    await expectFits(page, path.slice(1));
  }
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expectFits(page, 'login-error');

  const admin = await seedVictim();
  const [invitee] = await e2eDb()
    .insert(users)
    .values({
      companyId: admin.user.companyId,
      name: 'New Hire',
      email: `invitee-${Date.now()}@example.com`,
      roleId: await builtInRoleId(e2eDb(), admin.user.companyId, 'member'),
    })
    .returning();
  const token = await createInvitation(e2eDb(), { userId: invitee.id, invitedBy: admin.user.id, now: new Date() });
  await page.goto(`/invite/${token}`);
  await expectFits(page, 'invite');
});

test('the challenge pages and account recovery fit 390 px', async ({ page, browser }) => {
  const admin = await seedVictim({ companyTwoFactor: true, totp: true });
  const member = await seedColleague(admin.user, { mobile: '+447700900123' });
  const set = await setSecurityQuestion(e2eDb(), {
    user: member.user,
    password: PASSWORD,
    question: 'What was your childhood nickname?',
    answer: 'Sparky the Brave',
  });
  expect(set.ok).toBe(true);
  await submitPassword(page, member.user.email, PASSWORD);
  await expect(page.getByTestId('code-destination')).toBeVisible();
  await expectFits(page, 'verify-sms');
  await page.getByLabel('Sign-in code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expectFits(page, 'verify-error');
  await page.goto('/login/recover');
  await expectFits(page, 'recover');

  const totpContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const totpPage = await totpContext.newPage();
  await submitPassword(totpPage, admin.user.email, PASSWORD);
  await expect(totpPage.getByLabel('Authenticator code')).toBeVisible();
  await expectFits(totpPage, 'verify-totp');
  await totpPage.getByRole('link', { name: 'Use Backup Code' }).click();
  await expectFits(totpPage, 'verify-backup');
  await totpContext.close();
});
