import { expect, test, type Page } from '@playwright/test';
import { seedMember } from '../db';
import { signUpNewCompany } from '../helpers';
import { accessibilityProblems, openConfirmed } from '../admin/helpers';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/** How far the page itself scrolls sideways (a table scrolling inside its own region does not count). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Elements of the page's content (below the header) that reach past the right edge of the screen. */
const contentPastTheEdge = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((e) => !e.closest('[role=region]') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => e.outerHTML.slice(0, 80)),
  );

/** The content fits, and so does the whole page (the header included). */
async function noSidewaysScroll(page: Page) {
  expect(await contentPastTheEdge(page)).toEqual([]);
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
}

/** Light and dark screenshots of the page as it is, for people to look at (test-results/). */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-light.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath(`${name}-dark.png`), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('at 390 px the Configure dialog fits and its Save is on screen', async ({ page }) => {
  await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company');
  await page.getByRole('button', { name: 'Configure' }).click();
  const dialog = page.getByRole('dialog', { name: '2F Authentication' });
  await dialog.getByLabel('Enable 2FA').check();
  // Duo's three fields make the dialog taller than the screen: it scrolls inside itself.
  await dialog.getByLabel('Duo', { exact: true }).check();
  const save = dialog.getByRole('button', { name: 'Save' });
  const box = (await save.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  const frame = (await dialog.boundingBox())!;
  expect(frame.x).toBeGreaterThanOrEqual(0);
  expect(frame.x + frame.width).toBeLessThanOrEqual(PHONE.width);
  await expect(save).toBeInViewport({ ratio: 1 });
  await shoot(page, 'company-dialog');
  await save.click();
  await expect(page.getByRole('alert').getByTestId('form-error')).toContainText('Check the Duo settings.');
  await expect(save).toBeInViewport({ ratio: 1 });
});

test('at 390 px the Users and Activity pages do not scroll sideways; their tables scroll in a focusable region', async ({
  page,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email, {
    name: 'Maximiliana Wolfeschlegelsteinhausen-Bergerdorff',
    mobile: '+447700900123',
  });
  await seedMember(admin.email);

  await page.goto('/admin/users');
  await expect(page.getByTestId('user-row')).toHaveCount(3);
  await noSidewaysScroll(page);
  for (const link of await page.getByRole('link', { name: /^Edit / }).all())
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  await expect(page.getByRole('region', { name: 'Users' })).toHaveAttribute('tabindex', '0');
  await shoot(page, 'users');

  await openConfirmed(page, '/admin/company');
  await shoot(page, 'company');

  await openConfirmed(page, `/admin/users/${member.id}`);
  expect(await contentPastTheEdge(page)).toEqual([]);
  expect((await page.getByRole('link', { name: '← Users' }).boundingBox())!.height).toBeGreaterThanOrEqual(24);
  await shoot(page, 'user');

  await page.goto('/admin/activity');
  await expect(page.getByTestId('activity').getByRole('row')).not.toHaveCount(1);
  await noSidewaysScroll(page);
  const region = page.getByRole('region', { name: 'Activity' });
  await region.focus();
  await expect(region).toBeFocused();
  await shoot(page, 'activity');
});
