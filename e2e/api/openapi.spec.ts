import AxeBuilder from '@axe-core/playwright';
import { validate } from '@readme/openapi-parser';
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_URL } from '../config';
import { seedApiAccount, seedCompany, seedUser } from './seed';

type Document = { openapi: string; paths: Record<string, Record<string, unknown>> };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every route handler under app/api/v1, read from the source tree (never a hand-kept list): its URL
 * in OpenAPI's spelling (`[id]` → `{id}`) and the HTTP methods the file exports.
 */
function routeFiles(): Array<{ path: string; methods: string[] }> {
  const found: Array<{ path: string; methods: string[] }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.tsx?$/.test(entry.name)) {
        const exported = readFileSync(full, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('export'));
        found.push({
          path:
            '/' +
            path
              .relative('app', dir)
              .split(path.sep)
              .join('/')
              .replace(/\[([^\]]+)\]/g, '{$1}'),
          methods: METHODS.filter((m) => exported.some((line) => new RegExp(`\\b${m}\\b`).test(line))),
        });
      }
    }
  };
  walk(path.join('app', 'api', 'v1'));
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

test('the OpenAPI document is public, cacheable and valid OpenAPI 3.1', async ({ request }) => {
  const answer = await request.get('/api/v1/openapi.json');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['cache-control']).toMatch(/public, max-age=\d+/);
  const document = (await answer.json()) as Document;
  expect(document.openapi).toBe('3.1.0');
  const result = await validate(structuredClone(document) as never);
  expect(result.valid ? [] : result.errors).toEqual([]);
});

test('the document matches the handlers: every route file with its methods, and every documented operation answers', async ({
  request,
}) => {
  const document = (await (await request.get('/api/v1/openapi.json')).json()) as Document;
  const files = routeFiles();
  expect(files.length).toBeGreaterThanOrEqual(7);
  const documented = Object.entries(document.paths)
    .map(([p, item]) => ({ path: p, methods: METHODS.filter((m) => m.toLowerCase() in item) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  expect(documented).toEqual(files);

  // Each documented operation, called by an Administrator API account on a user of its company:
  // never "no such route" (404) or "no such method" (405). Bodies are empty, so writes are refused
  // with 400 before they change anything (except reset-2fa, whose body is optional).
  const company = await seedCompany();
  const robot = await seedApiAccount(company.id);
  const user = await seedUser(company.id);
  for (const { path: p, methods } of documented)
    for (const method of methods) {
      const answer = await request.fetch(p.replace('{id}', user.id), {
        method,
        headers: robot.headers,
        ...(method === 'GET' ? {} : { data: {} }),
      });
      expect([404, 405], `${method} ${p} answered ${answer.status()}`).not.toContain(answer.status());
      expect(answer.status(), `${method} ${p}`).toBeLessThan(500);
    }
});

const VARIANTS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 800 }, scheme: 'light' },
  { name: 'desktop, dark', viewport: { width: 1280, height: 800 }, scheme: 'dark' },
  { name: 'phone, light', viewport: { width: 390, height: 844 }, scheme: 'light' },
] as const;

for (const variant of VARIANTS)
  test(`the API reference page renders the document under the CSP, offline, with no accessibility violations (${variant.name})`, async ({
    page,
  }) => {
    await page.setViewportSize(variant.viewport);
    await page.emulateMedia({ colorScheme: variant.scheme });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // Tests run offline: anything not from the app itself would be a CDN, a font or telemetry.
    page.on('request', (request) => {
      if (!request.url().startsWith(APP_URL) && !/^(data|blob):/.test(request.url())) problems.push(request.url());
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    const answer = await page.goto('/docs/api');
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['content-security-policy']).toContain("'strict-dynamic'");
    await expect(page.getByRole('heading', { name: 'Latchkey API', level: 1 })).toBeVisible({ timeout: 20_000 });
    if (variant.viewport.width > 800) {
      // The sidebar lists every operation; opening one shows its permission.
      await page.getByRole('link', { name: /^Change a user/ }).click();
      await expect(page.getByRole('heading', { name: 'Change a user' })).toBeVisible();
      await expect(page.getByText('Needs users:write.').first()).toBeVisible();
    }
    expect(problems).toEqual([]);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
