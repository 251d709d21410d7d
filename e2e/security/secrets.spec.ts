/**
 * Issue #8, attack 9: secrets at rest and in answers. After enrolment (done over HTTP), no page,
 * route handler or server action answer shows the TOTP secret or a backup code again, to the user
 * or to an admin. And a dump of every table of the database contains none of the plaintext
 * secrets the suite made the app create through HTTP: the TOTP secret, backup codes, an SMS/email
 * code, the Duo secret key, the sign-in challenge token, invitation, password-reset and recovery
 * link tokens, the security answer and the password.
 * Lib mechanisms: lib/twofactor/two-factor.test.ts (secret stored encrypted), backup-codes.test.ts
 * (keyed hashes), lib/admin/invitations.test.ts and lib/accounts/password-reset.test.ts (token hashes).
 */
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { FAKE_DUO } from '../config';
import { e2eDb } from '../db';
import { waitForMessage } from '../helpers';
import {
  Attacker,
  eachLimited,
  fillPath,
  formFieldNames,
  openChallengeFor,
  postPassword,
  resultOf,
  seedColleague,
  seedVictim,
  signInAs,
  type Answer,
  type Victim,
} from './attacker';
import { getFollowingRsc, sendsToSignIn, surface, urlFor } from './surface';

/** Enrols an authenticator over HTTP, as Account › Security does; returns the key and the codes shown once. */
async function enrolOverHttp(victim: Victim, session: Attacker): Promise<{ secret: string; codes: string[] }> {
  await session.action('beginSetupAction', {});
  const page = await session.get('/account/security');
  const secret = page.text.match(/data-testid="totp-key"[^>]*>([^<]+)</)![1].replace(/\s/g, '');
  const { generateSync } = await import('otplib');
  const code = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
  const enabled = resultOf(await session.action('enableAction', { password: victim.password, code }));
  expect(enabled?.ok).toBe(true);
  const { codes } = enabled!.data as { codes: string[] };
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

/** The forms a secret may take in a text: as shown, without separators, in any case. */
function forms(secret: string): string[] {
  return [...new Set([secret, secret.replace(/[\s-]/g, '')].map((s) => s.toLowerCase()))];
}

function expectNoSecret(answer: Answer, secrets: string[], where: string): void {
  const text = (answer.text + JSON.stringify([...answer.headers])).toLowerCase();
  const squeezed = text.replace(/[\s-]/g, '');
  for (const secret of secrets)
    for (const form of forms(secret))
      expect(text.includes(form) || squeezed.includes(form), `${where} shows a secret`).toBe(false);
}

/** Every page, route handler and action answer, as `viewer`, with empty forms. */
async function sweep(viewer: Victim, victim: Victim, secrets: string[]): Promise<void> {
  let session = await signInAs(viewer.user);
  await eachLimited(surface().routes, 4, async (route) => {
    const url = urlFor(route, { id: victim.user.id });
    expectNoSecret(await getFollowingRsc(session, url), secrets, `GET ${url} as ${viewer.user.email}`);
  });
  const empty = Object.fromEntries(formFieldNames().map((name) => [name, '']));
  for (const action of surface().actions) {
    const path = fillPath(action.hosts[0], { id: victim.user.id });
    let answer = await session.action(action, empty, { path });
    if (sendsToSignIn(answer)) {
      session = await signInAs(viewer.user);
      answer = await session.action(action, empty, { path });
    }
    expectNoSecret(answer, secrets, `${action.name} as ${viewer.user.email}`);
  }
}

test('after enrolment no answer shows the TOTP secret or a backup code, to the user or an admin', async () => {
  const victim = await seedVictim();
  const otherAdmin = await seedColleague(victim.user, { role: 'administrator' });
  const { secret, codes } = await enrolOverHttp(victim, await signInAs(victim.user));
  await sweep(victim, victim, [secret, ...codes]);
  await sweep(otherAdmin, victim, [secret, ...codes]);
});

/** The last path segment of the first link under `prefix` in the newest matching message to `to`. */
async function linkToken(to: string, prefix: string, after: number): Promise<string> {
  const message = await waitForMessage(to, (m) => m.at > after && m.text.includes(prefix));
  return message.text.match(new RegExp(`${prefix}([A-Za-z0-9_-]{20,})`))![1];
}

test('a dump of the database holds no plaintext secret, code, Duo key, token or answer', async () => {
  const t0 = Date.now();
  const victim = await seedVictim();
  const session = await signInAs(victim.user);
  const { secret, codes } = await enrolOverHttp(victim, session);

  // The security answer, set over HTTP.
  const answer = `Correct Horse ${randomBytes(4).toString('hex')}`;
  expect(
    resultOf(
      await session.action('setQuestionAction', {
        preset: 'What was your childhood nickname?',
        answer,
        password: victim.password,
      }),
    )?.ok,
  ).toBe(true);

  // A sign-in challenge opened by the password step: its token is the cookie.
  const { attacker: challenged } = await postPassword(victim.user.email, victim.password);
  const challengeToken = challenged.challengeToken!;

  // Support-assisted recovery with the right answer: two emailed link tokens.
  expect(resultOf(await challenged.action('startRecoveryAction', { answer }))?.ok).toBe(true);
  const confirmToken = await linkToken(victim.user.email, '/recover/confirm/', t0);
  const cancelToken = await linkToken(victim.user.email, '/recover/cancel/', t0);

  // A password-reset link and an invitation link.
  await new Attacker().action('requestResetAction', { email: victim.user.email });
  const resetToken = await linkToken(victim.user.email, '/reset-password/', t0);
  const invitee = `invitee-${randomBytes(4).toString('hex')}@example.com`;
  const admin = await signInAs(victim.user);
  await admin.action('inviteAction', {
    name: 'Invitee',
    email: invitee,
    role: await builtInRoleId(e2eDb(), victim.company.id, 'member'),
  });
  const inviteToken = await linkToken(invitee, '/invite/', t0);

  // Duo keys through the company dialog (this also turns company 2FA on). Saving asks Duo whether they
  // work, so they are the fake Duo's one integration.
  const duoSecret = FAKE_DUO.skey;
  const saved = await admin.action('saveCompanyTwoFactor', {
    enabled: 'on',
    allowTotp: 'on',
    allowDuo: 'on',
    integrationKey: FAKE_DUO.ikey,
    secretKey: duoSecret,
    apiHost: FAKE_DUO.host,
    password: victim.password,
  });
  expect(resultOf(saved)?.ok).toBe(true);
  expect((await admin.get('/admin/company')).text).not.toContain(duoSecret);

  // An emailed sign-in code, for a colleague who has no authenticator.
  const colleague = await seedColleague(victim.user);
  const holder = await openChallengeFor(colleague.user);
  await holder.action('sendCodeAction', { channel: 'email' });
  const code = (
    await waitForMessage(colleague.user.email, (m) => m.at > t0 && /sign-in code/.test(m.subject ?? ''))
  ).subject!.match(/\b(\d{6})\b/)![1];

  const dump = await dumpDatabase();
  const long = {
    'TOTP secret': secret,
    'Duo secret key': duoSecret,
    'security answer': answer,
    password: victim.password,
    'challenge token': challengeToken,
    'recovery confirm token': confirmToken,
    'recovery cancel token': cancelToken,
    'password reset token': resetToken,
    'invitation token': inviteToken,
    ...Object.fromEntries(codes.map((c, i) => [`backup code ${i + 1}`, c])),
  };
  const squeezed = dump.replace(/[\s-]/g, '');
  for (const [name, value] of Object.entries(long))
    for (const form of forms(value)) expect(dump.includes(form) || squeezed.includes(form), name).toBe(false);
  // Six digits can occur by chance in a large dump: look only where this sign-in's rows are.
  const mine = dump.split('\n').filter((row) => row.includes(colleague.user.id) || row.includes(colleague.user.email));
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.filter((row) => row.includes(code))).toEqual([]);
});

/** Every row of every table, as lower-cased JSON text, one row a line. */
async function dumpDatabase(): Promise<string> {
  const db = e2eDb();
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public'
        and table_type = 'BASE TABLE'`,
  )) as unknown as Array<{ table_name: string }>;
  const lines: string[] = [];
  for (const { table_name } of tables) {
    const rows = (await db.execute(
      sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t`,
    )) as unknown as Array<{ row: string }>;
    lines.push(...rows.map((r) => `${table_name} ${r.row}`.toLowerCase()));
  }
  return lines.join('\n');
}
