import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What makes the page scroll sideways: nothing when the page is no wider than the window,
 * otherwise the page's width and the outermost elements that stick out (tag, test id or class,
 * text, right edge), so a failure names its culprit. Content inside a region that scrolls on its
 * own (a table region) does not count: it does not widen the page.
 */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width) return [];
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
    // Clipped by an ancestor that scrolls or hides its overflow, unless the element is positioned
    // out of it: an absolutely positioned one is clipped only by its containing block and above.
    const clipped = (el: Element) => {
      let escaping = getComputedStyle(el).position;
      if (escaping === 'fixed') return false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (escaping === 'absolute' && style.position === 'static') continue;
        if (style.overflowX !== 'visible' && !sticksOut(up)) return true;
        if (style.position === 'fixed') return false;
        escaping = style.position;
      }
      return false;
    };
    const describe = (el: Element) => {
      const name = el.getAttribute('data-testid') ?? el.id ?? '';
      const label = name
        ? `[${name}]`
        : `.${String(el.getAttribute('class') ?? '')
            .split(' ')
            .slice(0, 3)
            .join('.')}`;
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${label}> "${text}" right edge ${Math.round(el.getBoundingClientRect().right)}px`;
    };
    const outside = new Set(
      Array.from(document.body.querySelectorAll('*')).filter((el) => sticksOut(el) && !clipped(el)),
    );
    const culprits = [...outside].filter((el) => !outside.has(el.parentElement!));
    return [`page is ${root.scrollWidth}px wide in a ${width}px window`, ...culprits.slice(0, 5).map(describe)];
  });
}

/** Where an element is off screen or smaller than a 24×24 px target; nothing when it is fine. */
export async function placement(locator: Locator, what: string, { target = true } = {}): Promise<string[]> {
  const box = await locator.boundingBox();
  if (!box) return [`${what}: not on the page`];
  const { width, height } = await locator.page().evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: window.innerHeight,
  }));
  const problems: string[] = [];
  if (box.x < 0 || box.x + box.width > width + 0.5 || box.y < 0 || box.y + box.height > height + 0.5)
    problems.push(
      `${what}: at x ${Math.round(box.x)}–${Math.round(box.x + box.width)}, y ${Math.round(box.y)} in a ${width}×${height} window`,
    );
  if (target && (box.width < 24 || box.height < 24))
    problems.push(`${what}: ${Math.round(box.width)}×${Math.round(box.height)} px, smaller than 24×24`);
  return problems;
}

/**
 * Opens the header's menu and says what keeps Sign out out of reach (the menu button or the padlock
 * off screen, Sign out outside the window or too small), then closes the menu again.
 */
export async function signOutProblems(page: Page): Promise<string[]> {
  // The header is at the top of the page, where a user scrolls to find it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const menu = page.getByTestId('user-menu');
  const problems = [
    ...(await placement(menu, 'menu button')),
    ...(await placement(page.getByTestId('padlock'), 'padlock')),
  ];
  await menu.click();
  const signOut = page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true });
  await expect(signOut).toBeVisible();
  problems.push(...(await placement(signOut, 'Sign out')));
  await page.keyboard.press('Escape');
  await expect(signOut).toBeHidden();
  return problems;
}
