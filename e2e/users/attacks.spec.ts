/**
 * The Access panel's actions posted the way a script would (raw server-action requests): aimed at
 * another company's user, by someone without users:write, or outside the admin's confirmation
 * window, they change nothing. The lib rules are lib/admin/set-user-disabled.test.ts and
 * delete-user.test.ts; this proves the actions reach them with the session's company and rights.
 */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../lib/db/schema';
import { e2eDb } from '../db';
import {
  Attacker,
  resultOf,
  seedColleague,
  seedVictim,
  sessionIdsOf,
  signInAs,
  type Victim,
} from '../security/attacker';
import { sendsToSignIn } from '../security/surface';

const userRow = async (id: string) => (await e2eDb().select().from(users).where(eq(users.id, id)))[0];
const aimAt = (victim: Victim) => ({
  path: `/admin/users/${victim.user.id}`,
  deactivate: { userId: victim.user.id, disabled: 'true' },
  remove: { userId: victim.user.id, confirmation: victim.user.email },
});

test('an admin of company A can neither deactivate nor delete a user of company B', async () => {
  const a = await seedVictim();
  const b = await seedVictim();
  const bMember = await seedColleague(b.user);
  const bSession = await signInAs(bMember.user);
  const admin = await signInAs(a.user);
  const target = aimAt(bMember);
  for (const [action, fields] of [
    ['setAccessAction', target.deactivate],
    ['deleteUserAction', target.remove],
  ] as const) {
    const answer = await admin.action(action, fields, { path: target.path });
    expect(answer.status, action).toBeLessThan(500);
    expect(resultOf(answer), action).toMatchObject({ ok: false, error: 'No such user in your company.' });
  }
  expect(await userRow(bMember.user.id)).toMatchObject({ disabled: false });
  expect(await sessionIdsOf(bMember.user.id)).toHaveLength(1);
  expect(sendsToSignIn(await bSession.get('/account/security'))).toBe(false);
});

test('without users:write (a member, an auditor) the actions are not found, and nothing changes', async () => {
  const a = await seedVictim();
  const colleague = await seedColleague(a.user);
  for (const role of ['member', 'auditor'] as const) {
    const insider = await seedColleague(a.user, { role });
    const attacker = await signInAs(insider.user);
    const target = aimAt(colleague);
    for (const [action, fields] of [
      ['setAccessAction', target.deactivate],
      ['deleteUserAction', target.remove],
    ] as const) {
      const answer = await attacker.action(action, fields, { path: target.path });
      expect(answer.status, `${role} ${action}`).toBe(404);
    }
  }
  expect(await userRow(colleague.user.id)).toMatchObject({ disabled: false });
});

test('an admin session outside its confirmation window is sent to confirm, and nothing changes', async () => {
  const a = await seedVictim();
  const colleague = await seedColleague(a.user);
  const admin = await signInAs(a.user, { passwordOnly: true });
  const target = aimAt(colleague);
  for (const [action, fields] of [
    ['setAccessAction', target.deactivate],
    ['deleteUserAction', target.remove],
  ] as const) {
    const answer = await admin.action(action, fields, { path: target.path });
    expect(answer.redirect, action).toMatch(/^\/admin\/confirm\?/);
  }
  expect(await userRow(colleague.user.id)).toMatchObject({ disabled: false });
});

test('a deactivated API Account’s password is refused on its very next call', async () => {
  const a = await seedVictim();
  const robot = await seedColleague(a.user, { isApiAccount: true });
  const admin = await signInAs(a.user);
  const basic = { Authorization: 'Basic ' + Buffer.from(`${robot.user.email}:${robot.password}`).toString('base64') };
  const client = new Attacker();
  expect((await client.get('/api/v1/me', { headers: basic })).status).toBe(200);
  const answer = await admin.action('setAccessAction', aimAt(robot).deactivate, { path: aimAt(robot).path });
  expect(resultOf(answer)).toMatchObject({ ok: true });
  expect((await client.get('/api/v1/me', { headers: basic })).status).toBe(401);
});
