import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../lib/db/schema';
import { createRole } from '../../lib/roles/create-role';
import { APP_URL } from '../config';
import { e2eDb } from '../db';
import { PASSWORD, submitPassword } from '../helpers';

/** A custom role made through the app's own lib code, by the company's admin (found by email). */
export async function seedRole(adminEmail: string, name: string, permissions: readonly string[]) {
  const db = e2eDb();
  const [admin] = await db.select().from(users).where(eq(users.email, adminEmail.toLowerCase()));
  const role = await createRole(db, { companyId: admin.companyId, actorUserId: admin.id, name, permissions });
  if (!role.ok) throw new Error(role.error);
  return role.data;
}

/** Gives a user a role directly (seeding a state; the admin's own way is the user's page). */
export async function giveRole(userId: string, roleId: string): Promise<void> {
  await e2eDb().update(users).set({ roleId }).where(eq(users.id, userId));
}

/** A second browser (its own cookies) signed in with the password as `email`. */
export async function signedInElsewhere(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  await submitPassword(page, email, PASSWORD);
  await expect(page.getByTestId('company-name')).toBeVisible();
  return page;
}

/** The main navigation's links, as the user reads them. */
export async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

/** Presses Tab until `target` has the focus (the way a keyboard user gets there). */
export async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached with Tab');
}

/** Every WCAG 2.2 A/AA violation on the page as it is now (the tags of e2e/experience/axe.spec.ts). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}
