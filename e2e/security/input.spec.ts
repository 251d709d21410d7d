/**
 * Issue #8, attack 13: hostile input in every form field of every server action of the build
 * (field names read from the app's forms): 10 kB codes, unicode tricks, SQL and HTML. Each answer
 * is a clear one (a message, never a server error), nothing oversized is stored, stored text is
 * rendered as text (checked in the browser too: no script runs), and the server stays responsive.
 * Lib mechanisms: every action's zod schema caps its fields (lib/limits.ts), and
 * lib/twofactor/totp.test.ts, backup-codes.test.ts test the code parsers.
 */
import { expect, test } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { e2eDb } from '../db';
import {
  Attacker,
  formFieldNames,
  resultOf,
  seedColleague,
  seedVictim,
  signInAs,
  type Answer,
  type BuiltAction,
  type Victim,
} from './attacker';
import { sendsToSignIn, surface } from './surface';

const MARK = `xss${randomBytes(4).toString('hex')}`;
const PAYLOADS = {
  '10 kB': `${MARK}big` + '9'.repeat(10_240),
  unicode: `${MARK}ｕｎｉ\u202Eevil\u200B\u0301👩‍💻 \uFEFFΩ İ ß ﬁ`,
  SQL: `${MARK}sql' OR '1'='1'; DROP TABLE users; --`,
  HTML: `${MARK}"><script>alert("${MARK}")</script><img src=x onerror=alert(1)>`,
} as const;

/** Fields that choose what an action acts on, given valid values so the payload reaches the free text. */
function selectors(target: Victim): Record<string, string> {
  return {
    userId: target.user.id,
    requestId: randomUUID(),
    sessionId: randomUUID(),
    method: 'otp',
    channel: 'email',
    role: target.user.roleId,
    preset: 'custom',
    enabled: '',
    allowTotp: 'on',
    allowDuo: 'on',
    confirmed: 'on',
    checked: 'on',
    isApiAccount: '',
    token: randomBytes(32).toString('base64url'),
    // Covered with every field hostile; here it would only spend the run's per-IP password budget.
    identifier: '',
  };
}

type Scene = { victim: Victim; colleague: Victim; session: Attacker };

/** Posts, signing in again when an earlier action (sign out) ended the session. */
async function post(scene: Scene, action: BuiltAction, fields: Record<string, string>): Promise<Answer> {
  const path = action.hosts[0].replace('[id]', scene.colleague.user.id).replace('[token]', 'x'.repeat(43));
  let answer = await scene.session.action(action, fields, { path });
  if (sendsToSignIn(answer) && action.name !== 'signOutAction') {
    scene.session = await signInAs(scene.victim.user);
    answer = await scene.session.action(action, fields, { path });
  }
  return answer;
}

/** A clear answer: no server error, and a refusal that says something. */
function expectClear(answer: Answer, where: string): void {
  expect(answer.status, `${where}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  const result = resultOf(answer);
  if (result && !result.ok) expect(result.error, where).toMatch(/\w{3,}/);
}

async function stored(marker: string): Promise<string[]> {
  const tables = (await e2eDb().execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as Array<{ table_name: string }>;
  const found: string[] = [];
  for (const { table_name } of tables) {
    const rows = (await e2eDb().execute(
      sql`select left(row_to_json(t)::text, 200) as row from ${sql.identifier(table_name)} t
          where row_to_json(t)::text like ${'%' + marker + '%'}`,
    )) as unknown as Array<{ row: string }>;
    found.push(...rows.map((r) => `${table_name}: ${r.row}`));
  }
  return found;
}

test('hostile input in every field of every action: a clear answer, never a server error', async () => {
  const victim = await seedVictim({ totp: true });
  const colleague = await seedColleague(victim.user, { totp: true });
  const scene: Scene = { victim, colleague, session: await signInAs(victim.user) };
  const names = formFieldNames();
  for (const [kind, payload] of Object.entries(PAYLOADS)) {
    for (const action of surface().actions) {
      const everything = Object.fromEntries(names.map((name) => [name, payload]));
      const freeText = { ...everything, ...selectors(colleague) };
      for (const [variant, fields] of [
        ['every field', everything],
        ['every free-text field', freeText],
      ] as const) {
        const answer = await post(scene, action, fields);
        const where = `${action.name}, ${kind} in ${variant}`;
        expectClear(answer, where);
      }
    }
  }
  // Nothing oversized was kept, and nothing was stored from the forms where every field was hostile
  // (ids included): such a request can only be refused.
  expect(await stored(`${MARK}big`)).toEqual([]);
  // The server still answers promptly (a bound, not a measurement).
  const login = await new Attacker().get('/login', { signal: AbortSignal.timeout(5_000) });
  expect(login.status).toBe(200);
  const [users] = (await e2eDb().execute(sql`select count(*)::int as n from users`)) as unknown as Array<{ n: number }>;
  expect(users.n).toBeGreaterThan(0);
});

test('a NUL byte in a form field gets a clear answer, not a server error', async () => {
  const victim = await seedVictim({ totp: true });
  const colleague = await seedColleague(victim.user, { totp: true });
  const scene: Scene = { victim, colleague, session: await signInAs(victim.user) };
  const failures: string[] = [];
  for (const action of surface().actions) {
    const fields = {
      ...Object.fromEntries(formFieldNames().map((name) => [name, `A\u0000B`])),
      ...selectors(colleague),
      // Valid except for the NUL byte, so each reaches the code that stores it.
      name: 'Null\u0000Byte',
      email: colleague.user.email,
      mobile: '',
      reason: 'Null\u0000Byte',
      companyName: 'Null\u0000Byte Ltd',
      custom: 'What is a null\u0000byte question?',
    };
    const answer = await post(scene, action, fields);
    if (answer.status >= 500) failures.push(`${action.name}: ${answer.status}`);
  }
  expect(failures).toEqual([]);
});

test('stored text is rendered as text: no script runs on any page that shows it', async ({ page, context }) => {
  const victim = await seedVictim({ totp: true });
  const colleague = await seedColleague(victim.user, { totp: true });
  const admin = await signInAs(victim.user);
  const html = PAYLOADS.HTML;
  // Free text the app accepts and shows again: a user's name, a reset reason (activity), an invitee.
  const edited = resultOf(
    await admin.action(
      'editUserAction',
      {
        userId: colleague.user.id,
        name: html.slice(0, 110),
        email: colleague.user.email,
        mobile: '',
        role: colleague.user.roleId,
      },
      { path: `/admin/users/${colleague.user.id}` },
    ),
  );
  expect(edited?.ok).toBe(true);
  await admin.action(
    'resetTwoFactorAction',
    { userId: colleague.user.id, confirmed: 'on', reason: html },
    { path: `/admin/users/${colleague.user.id}` },
  );
  await admin.action('inviteAction', {
    name: html.slice(0, 110),
    email: `${MARK}@example.com`,
    role: colleague.user.roleId,
  });
  expect((await stored(MARK)).filter((row) => row.includes('<script>')).length).toBeGreaterThan(0);

  const pages = ['/', '/admin/users', `/admin/users/${colleague.user.id}`, '/admin/activity', '/account/security'];
  for (const path of pages) {
    const raw = await admin.get(path);
    expect(raw.status, path).toBe(200);
    expect(raw.text, `${path} renders the payload as markup`).not.toContain(`<script>alert("${MARK}")`);
    expect(raw.text, path).not.toContain('<img src=x onerror');
  }
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await context.addCookies([
    { name: 'authjs.session-token', value: admin.sessionToken!, url: admin.base, httpOnly: true, sameSite: 'Lax' },
  ]);
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  }
  await page.goto('/admin/users');
  await expect(page.getByTestId('users-table')).toContainText(`alert("${MARK}")`);
  // A refused form echoes what was typed: as text too.
  await page.goto('/signup');
  await page.getByLabel('Company name').fill(html.slice(0, 110));
  await page.getByLabel('Your name').fill(html.slice(0, 110));
  await page.getByLabel('Work email').fill(`${MARK}-signup@example.com`);
  // Long enough for the browser, too weak for the server: refused, with the values shown again.
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.getByLabel('Company name')).toHaveValue(html.slice(0, 110));
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
