import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { requestSignUp } from '../helpers';
import { visitChallengePages, visitSignedInPages } from './journey';

/**
 * axe on every page, at desktop and phone widths, light and dark, with zero violations of any
 * impact. Each width and colour scheme is its own pair of tests, and each page's result is a soft
 * assertion named after the page, so one run lists every page × width × scheme that fails.
 */
const WIDTHS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every WCAG 2.2 A/AA violation on the page as it is now: rule, impact, element and why. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => {
      const why = (n.any[0] ?? n.all[0] ?? n.none[0])?.message ?? n.failureSummary ?? '';
      return `${v.id} (${v.impact}): ${n.target.join(' ')}: ${why}`;
    }),
  );
}

for (const [width, viewport] of Object.entries(WIDTHS)) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${width} ${scheme}`, () => {
      test.use({ viewport });
      test.beforeEach(async ({ page }) => page.emulateMedia({ colorScheme: scheme }));

      const check = (page: Page) => async (name: string) => {
        expect.soft(await violations(page), `${name} @ ${width} ${scheme}`).toEqual([]);
      };

      test('signed-out pages have no accessibility violations', async ({ page }) => {
        for (const path of ['/login', '/signup', '/forgot-password', '/login/verify', '/login/recover']) {
          await page.goto(path);
          await check(page)(path);
        }
        // A form showing its errors: the summary and the fields tied to their messages.
        const email = `weak-${Date.now()}@example.com`;
        await requestSignUp(page, { email, password: 'password1234', name: 'Someone', company: 'Another Co' });
        await expect(page.getByText(/too easy to guess/)).toBeVisible();
        await check(page)('/signup (errors)');
      });

      test('signed-in pages, the challenge and recovery have no accessibility violations', async ({ page }) => {
        test.setTimeout(240_000);
        const account = await visitSignedInPages(page, { check: check(page) });
        await page.goto('/');
        await page.getByTestId('user-menu').click();
        await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
        await check(page)('/ (menu open)');
        await page.keyboard.press('Escape');
        await visitChallengePages(page, account, check(page));
      });
    });
  }
}
