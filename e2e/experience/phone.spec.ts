import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb } from '../db';
import { signUpNewCompany } from '../helpers';
import { placement, sidewaysScroll, signOutProblems } from './measure';
import { SIGNED_IN_PATHS, visitSignedInPages } from './journey';

test.use({ viewport: { width: 390, height: 844 } });

test('every signed-in page fits a 390 px phone: no sideways scroll, Sign out in reach, backup codes whole', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const account = await visitSignedInPages(page, {
    check: async (name) => {
      expect.soft(await sidewaysScroll(page), `${name}: sideways scroll`).toEqual([]);
      expect.soft(await signOutProblems(page), `${name}: Sign out`).toEqual([]);
    },
    // The one-time view covers the page (the header is inert behind it): here the codes must fit.
    codes: async (name) => {
      expect.soft(await sidewaysScroll(page), `${name}: sideways scroll`).toEqual([]);
      const codes = page.getByTestId('backup-code');
      await expect(codes).toHaveCount(10);
      const cut: string[] = [];
      for (const code of await codes.all())
        cut.push(...(await placement(code, `code ${await code.textContent()}`, { target: false })));
      expect.soft(cut, `${name}: codes cut off`).toEqual([]);
    },
  });

  // Two codes left: the banner that says so, and its link, fit too.
  await e2eDb().execute(sql`update backup_codes set used_at = now()
    where id in (select id from backup_codes where used_at is null
      and user_id = (select id from users where email = ${account.email}) limit 8)`);
  await page.goto('/');
  const banner = page.getByTestId('low-codes-banner');
  await expect(banner).toContainText('You have 2 backup codes left.');
  expect.soft(await sidewaysScroll(page), 'home with the low-codes banner: sideways scroll').toEqual([]);
  expect
    .soft(await placement(banner.getByRole('link', { name: 'Create new backup codes' }), 'banner link'))
    .toEqual([]);

  await page.getByTestId('user-menu').click();
  await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('at 320 px the header keeps the company, the menu and the padlock on screen, with big enough targets', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signUpNewCompany(page, { company: 'The Very Long Name Of A Company Limited' });
  for (const path of SIGNED_IN_PATHS) {
    await page.goto(path);
    const header = page.locator('header');
    expect.soft(await placement(header, `${path}: header`, { target: false }), path).toEqual([]);
    expect.soft(await placement(page.getByTestId('company-name'), `${path}: company name`), path).toEqual([]);
    expect.soft(await signOutProblems(page), `${path}: Sign out`).toEqual([]);
  }

  await page.goto('/');
  const menuButton = page.getByTestId('user-menu');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator(`[id="${await menuButton.getAttribute('aria-controls')}"]`);
  await expect(panel).toBeVisible();
  const items = panel.locator('a, button').filter({ visible: true });
  await expect(items).toHaveCount(5); // Security, Company, Users, Activity, Sign out
  for (const item of await items.all()) expect.soft(await placement(item, (await item.textContent())!)).toEqual([]);

  // Following a link closes the menu on the new page.
  await panel.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(panel).toBeHidden();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

  await menuButton.click();
  await expect(panel.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('keyboard only: the header menu opens with Enter, is walked with Tab and closes with Escape', async ({ page }) => {
  await signUpNewCompany(page);
  await page.goto('/');
  const menuButton = page.getByTestId('user-menu');
  await expect(menuButton).toHaveAccessibleName('Menu');

  // The first Tab shows the skip link on screen; the next ones reach the menu button.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  expect(await placement(skip, 'skip link')).toEqual([]);
  for (let i = 0; i < 6 && !(await menuButton.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(menuButton).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator(`[id="${await menuButton.getAttribute('aria-controls')}"]`);
  for (const name of ['Security', 'Company', 'Users', 'Activity']) {
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('link', { name, exact: true })).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Sign out' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton).toBeFocused();

  // Space opens it too, and a link followed with Enter goes there and closes the menu.
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('link', { name: 'Security' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(panel).toBeHidden();

  // Tabbing past the menu's last item closes it rather than leaving it over the page.
  await menuButton.focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('padlock')).toBeFocused();
});

test('without JavaScript, Sign out is on the header of a 320 px phone and works', async ({ page, browser }) => {
  const account = await signUpNewCompany(page);
  // The same signed-in browser, with scripts off (a page that failed to load its JavaScript).
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 320, height: 640 },
    storageState: await page.context().storageState(),
  });
  const bare = await noScript.newPage();
  await bare.goto('/');
  await expect(bare.getByTestId('company-name')).toHaveText(account.company);
  expect(await sidewaysScroll(bare)).toEqual([]);
  const signOut = bare.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true });
  expect(await placement(signOut, 'Sign out')).toEqual([]);
  await signOut.click();
  await expect(bare).toHaveURL(/\/login$/);
  await bare.goto('/account/security');
  await expect(bare).toHaveURL(/\/login$/);
  await noScript.close();
});
