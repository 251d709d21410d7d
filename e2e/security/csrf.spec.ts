/**
 * Issue #8, attack 12: cross-site requests. Every server action of the build, posted with the
 * victim's own cookies (worse than a browser, which keeps SameSite=Lax cookies off cross-site
 * POSTs) and good form values, from a foreign Origin and from `Origin: null` (sandboxed frames,
 * data: URLs), with and without JavaScript's encoding, is refused and changes nothing. Route
 * handlers that change state (Auth.js's sign-out and sign-in callback) are refused without their
 * CSRF token. A control at the end shows the same values do work from the app's own origin.
 */
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import {
  changeEvents,
  durableState,
  eachLimited,
  fillPath,
  formFieldNames,
  openChallengeFor,
  resultOf,
  seedColleague,
  seedVictim,
  sessionIdsOf,
  signInAs,
  type Answer,
} from './attacker';
import { surface } from './surface';

const FOREIGN = ['https://evil.example', 'null'];

test('every server action from a foreign or null Origin is refused and changes nothing', async () => {
  const victim = await seedVictim({ totp: true, mobile: '+447911123444' });
  const colleague = await seedColleague(victim.user, { totp: true });
  const session = await signInAs(victim.user);
  const ids = [victim.user.id, colleague.user.id, victim.company.id];
  const since = new Date();
  const before = await durableState(ids, ['last_seen_at']);
  const sessionsBefore = await sessionIdsOf(victim.user.id);

  const values: Record<string, string> = {
    password: victim.password,
    currentPassword: victim.password,
    newPassword: 'violet harbour compass 1987 kettle',
    userId: colleague.user.id,
    // The victim's own role (Administrator): a promotion the control below could really make.
    role: victim.user.roleId,
    isApiAccount: 'on',
    confirmed: 'on',
    method: 'otp',
    name: 'Changed cross-site',
    email: `cross-site-${randomBytes(4).toString('hex')}@example.com`,
    mobile: '',
    enabled: '',
    identifier: '',
    preset: 'What was your childhood nickname?',
    answer: 'Sparky',
  };
  const fields = Object.fromEntries(formFieldNames().map((name) => [name, values[name] ?? '']));
  const jobs = surface().actions.flatMap((action) =>
    FOREIGN.flatMap((origin) => (['fetch', 'form'] as const).map((mode) => ({ action, origin, mode }))),
  );
  await eachLimited(jobs, 4, async ({ action, origin, mode }) => {
    const options = { origin, path: fillPath(action.hosts[0], { id: colleague.user.id }) };
    const answer: Answer =
      mode === 'fetch'
        ? await session.action(action, fields, options)
        : await session.formAction(action, fields, options);
    const where = `${action.name} (${mode}) from Origin ${origin}`;
    expect(answer.status, where).toBeGreaterThanOrEqual(400);
    expect(resultOf(answer), where).toBeUndefined();
    expect(
      answer.headers.getSetCookie().filter((c) => /session-token|lk_challenge/.test(c)),
      where,
    ).toEqual([]);
  });

  expect(await durableState(ids, ['last_seen_at'])).toEqual(before);
  expect(await changeEvents(victim.company.id, since)).toEqual([]);
  expect(await sessionIdsOf(victim.user.id)).toEqual(sessionsBefore);

  // Control: the same values from the app's own origin do take effect.
  expect((await session.action('disableAction', fields)).redirect).toBe('/account/security?notice=disabled');
  expect(await changeEvents(victim.company.id, since)).toEqual(['2fa.disabled']);
});

test('Auth.js route handlers: sign-out and sign-in from a foreign Origin without the CSRF token are refused', async () => {
  const victim = await seedVictim();
  const session = await signInAs(victim.user);
  // Login CSRF: the attacker's own passed sign-in, pushed into the victim's browser.
  const attacker = await seedVictim();
  const ticketHolder = await openChallengeFor(attacker.user, { passed: true });
  const ticket = ticketHolder.challengeToken!;

  for (const origin of FOREIGN) {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    await session.request('POST', '/api/auth/signout', {
      origin,
      headers: form,
      body: new URLSearchParams({ callbackUrl: '/' }).toString(),
    });
    expect(await sessionIdsOf(victim.user.id), `sign-out from ${origin}`).toHaveLength(1);

    const visitor = session.clone();
    await visitor.request('POST', '/api/auth/callback/credentials', {
      origin,
      headers: form,
      body: new URLSearchParams({ ticket, callbackUrl: '/' }).toString(),
    });
    expect(visitor.sessionToken, `sign-in from ${origin}`).toBe(session.sessionToken);
    expect(await sessionIdsOf(attacker.user.id), `sign-in from ${origin}`).toEqual([]);
  }
  // Every other method on every route handler: one it does not take is 405; one it takes (Duo Setup's
  // status, which can complete a setup) refuses a foreign Origin with 403 before doing anything.
  for (const route of surface().routes.filter((r) => r.kind === 'route' && !r.path.startsWith('/api/auth/'))) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const answer = await session.request(method, fillPath(route.path), { origin: FOREIGN[0] });
      expect(answer.status, `${method} ${route.path}`).toBe(route.methods.includes(method) ? 403 : 405);
    }
  }
});
