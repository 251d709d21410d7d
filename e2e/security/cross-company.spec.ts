/**
 * Issue #8, attack 8: an admin of company A aims every page, server action and route handler of
 * the build at company B (its users' ids, a session id, a recovery request id) and reads nothing
 * of B and changes nothing of B. The lib mechanism is lib/admin/cross-company.test.ts (and
 * lib/recovery/approve-recovery.test.ts, lib/sessions/list-sessions.test.ts).
 */
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { hashToken } from '../../lib/crypto/tokens';
import { recoveryRequests, users } from '../../lib/db/schema';
import { e2eDb } from '../db';
import {
  Attacker,
  changeEvents,
  durableState,
  eachLimited,
  fillPath,
  formFieldNames,
  seedColleague,
  seedVictim,
  signInAs,
  type Victim,
} from './attacker';
import { actionExposure, expectNoneOf, getFollowingRsc, sendsToSignIn, surface, urlFor } from './surface';

type CompanyB = { admin: Victim; member: Victim; sessionId: string; requestId: string; ids: string[] };

/** Company B: an admin, a member with an authenticator, a live session and a recovery request waiting for an admin. */
async function companyB(): Promise<CompanyB> {
  const admin = await seedVictim({ mobile: '+447911123777' });
  const member = await seedColleague(admin.user, { totp: true, mobile: '+447911123888' });
  const session = await signInAs(member.user);
  expect(session.sessionToken).toBeTruthy();
  const [{ id: sessionId }] = (await e2eDb().execute(
    sql`select id from sessions where user_id = ${member.user.id}`,
  )) as unknown as Array<{ id: string }>;
  const now = Date.now();
  const [request] = await e2eDb()
    .insert(recoveryRequests)
    .values({
      userId: member.user.id,
      companyId: admin.company.id,
      status: 'awaiting_admin',
      answerVerifiedAt: new Date(now),
      emailTokenHash: hashToken(randomBytes(32).toString('base64url')),
      emailVerifiedAt: new Date(now),
      cancelTokenHash: hashToken(randomBytes(32).toString('base64url')),
      expiresAt: new Date(now + 3_600_000),
    })
    .returning();
  return {
    admin,
    member,
    sessionId,
    requestId: request.id,
    ids: [admin.user.id, member.user.id, admin.company.id, sessionId, request.id],
  };
}

/** What of B an admin of A must never read (they may type B's member's address themselves). */
const secretsOfB = (b: CompanyB) => [
  b.admin.user.email,
  b.admin.user.name,
  b.admin.user.mobile,
  b.admin.company.name,
  b.member.user.name,
  b.member.user.mobile,
];

/**
 * Every form field aimed at B, with A's own password wherever a re-authentication is asked and
 * A's own role (Administrator) wherever a role is chosen: a role A may really hand out.
 */
function fieldsAimedAt(b: CompanyB, a: Victim): Record<string, string> {
  const values: Record<string, string> = {
    userId: b.member.user.id,
    requestId: b.requestId,
    sessionId: b.sessionId,
    email: b.member.user.email,
    name: 'Renamed by A',
    role: a.user.roleId,
    isApiAccount: 'on',
    mobile: '',
    method: 'otp',
    code: '123456',
    confirmed: 'on',
    checked: 'on',
    reason: 'cross-company attempt',
    password: a.password,
    currentPassword: a.password,
    newPassword: '',
    identifier: '',
    username: '!',
    q: b.member.user.email,
    // Access, API Account and roles forms: each names B's member, so A's admin powers aim at B.
    disabled: 'true',
    confirmation: b.member.user.email,
    choice: 'generate',
    allowList: '10.0.0.0/8',
    roleId: b.member.user.roleId,
  };
  return Object.fromEntries(formFieldNames().map((name) => [name, values[name] ?? '']));
}

test('an admin of company A reads nothing of company B on any page, even aimed at B’s users', async () => {
  const a = await seedVictim();
  const b = await companyB();
  const admin = await signInAs(a.user);
  const routes = surface().routes.filter((r) => r.kind === 'page');
  const targets = [b.member.user.id, b.admin.user.id];
  await eachLimited(
    routes.flatMap((route) => targets.map((id) => ({ route, id }))),
    4,
    async ({ route, id }) => {
      const url = urlFor(route, { id }) + `?q=${encodeURIComponent(b.member.user.email)}`;
      const answer = await getFollowingRsc(admin, url);
      // (B's member's address is what A typed in the search: pages may echo it, never list its owner.)
      expectNoneOf(answer, secretsOfB(b), `GET ${url}`);
    },
  );
  // The search box and the activity log, aimed at B's names.
  // The search box aimed at B's names (the page may echo what was typed, never list a match).
  for (const q of [b.member.user.name, b.admin.company.name, '%', '_']) {
    const secrets = [...secretsOfB(b), b.member.user.email].filter((secret) => secret !== q);
    expectNoneOf(await admin.get(`/admin/users?q=${encodeURIComponent(q)}`), secrets, `search ${q}`);
  }
  expectNoneOf(await admin.get('/admin/activity'), secretsOfB(b), 'activity');
});

test('an admin of company A changes nothing of company B through any admin or account action', async () => {
  const a = await seedVictim();
  const b = await companyB();
  const since = new Date();
  const before = await durableState(b.ids, ['last_seen_at']);
  const fields = fieldsAimedAt(b, a);
  let admin = await signInAs(a.user);
  // The admin powers: actions of protected pages. (Public forms ignore the session; the sign-in,
  // sign-up and reset forms would do their public job for B's address, as for anyone.)
  for (const action of surface().actions.filter((a) => actionExposure(a) === 'protected')) {
    for (const host of action.hosts) {
      const path = fillPath(host, { id: b.member.user.id });
      let answer = await admin.action(action, fields, { path });
      if (sendsToSignIn(answer)) {
        // One of A's own actions (sign out) ended A's session: sign in again and retry, so every
        // action really runs as a signed-in admin of A.
        admin = await signInAs(a.user);
        answer = await admin.action(action, fields, { path });
      }
      const where = `${action.name} at ${path}`;
      expect(answer.status, where).toBeLessThan(500);
      expectNoneOf(answer, secretsOfB(b), where);
    }
  }
  expect(await durableState(b.ids, ['last_seen_at'])).toEqual(before);
  expect(await changeEvents(b.admin.company.id, since)).toEqual([]);
  const aimedAtB = (await e2eDb().execute(
    sql`select type from audit_events where created_at >= ${since.toISOString()}::timestamptz
        and target_user_id in (${b.admin.user.id}, ${b.member.user.id})`,
  )) as unknown as Array<{ type: string }>;
  expect(aimedAtB).toEqual([]);
  // B's member is still signed in.
  expect(
    (await e2eDb().execute(sql`select 1 from sessions where id = ${b.sessionId}`)) as unknown as unknown[],
  ).toHaveLength(1);
});

test('an admin API account of company A lists only company A', async () => {
  const a = await seedVictim();
  const b = await companyB();
  const robot = await seedColleague(a.user, { role: 'administrator', isApiAccount: true });
  const basic = 'Basic ' + Buffer.from(`${robot.user.email}:${robot.password}`).toString('base64');
  // Every endpoint and method, aimed at company B: B's user id in the path (404, exactly like an
  // unknown id) or in the query; the endpoints without an id only ever answer about company A.
  for (const route of surface().routes.filter((r) => r.path.startsWith('/api/v1/'))) {
    const aimed = route.path.includes('[id]');
    for (const method of route.methods.filter((m) => m === 'GET' || aimed)) {
      const path = fillPath(route.path, { id: b.member.user.id });
      const answer = await new Attacker().request(
        method,
        `${path}?companyId=${b.admin.company.id}&id=${b.member.user.id}`,
        {
          headers: { Authorization: basic, 'Content-Type': 'application/json' },
          ...(method === 'GET' ? {} : { body: JSON.stringify({ name: 'Renamed by A', disabled: true }) }),
        },
      );
      const where = `${method} ${route.path}`;
      expect(answer.status, where).toBe(aimed ? 404 : 200);
      expectNoneOf(answer, [...secretsOfB(b), b.member.user.email], where);
      if (!aimed) expectNoneOf(answer, [b.member.user.id], where);
    }
  }
  const [member] = await e2eDb().select().from(users).where(eq(users.id, b.member.user.id));
  expect(member).toMatchObject({ name: b.member.user.name, disabled: false });
});
