import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { accessibilityProblems, openConfirmed } from '../admin/helpers';

/** Presses Tab until `target` has the focus (the way a keyboard user gets there). */
async function tabTo(page: Page, target: Locator, most = 80) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached with Tab');
}

test('keyboard only: the admin deactivates, reactivates and deletes a user from the Access panel', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, { name: 'Keyboard Member' });
  await openConfirmed(page, `/admin/users/${member.id}`);
  const panel = page.getByTestId('access-panel');
  expect(await accessibilityProblems(page)).toEqual([]);

  const deactivate = panel.getByRole('button', { name: 'Deactivate' });
  await tabTo(page, deactivate);
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('form-success')).toContainText('Deactivated');
  await expect(panel.getByTestId('access-status')).toContainText('is deactivated');

  const reactivate = panel.getByRole('button', { name: 'Reactivate' });
  await tabTo(page, reactivate);
  await page.keyboard.press('Space');
  await expect(panel.getByTestId('form-success')).toContainText('Reactivated');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  const confirmation = panel.getByLabel(`Type their email, ${member.email}, to confirm`);
  await tabTo(page, confirmation);
  await page.keyboard.type('wrong@example.com');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Delete user' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The error is announced and the field takes the focus back, its text selected for retyping.
  await expect(panel.getByRole('form', { name: 'Delete user' }).getByTestId('form-error')).toBeVisible();
  await expect(confirmation).toBeFocused();
  await page.keyboard.type(member.email);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/users\?notice=deleted$/);
});
