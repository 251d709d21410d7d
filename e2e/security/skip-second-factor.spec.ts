/**
 * Issue #8, attacks 1 and 2: a holder of a stolen password passes step one and holds only the
 * sign-in challenge cookie (lk_challenge). With it they request every page, every server action
 * and every route handler the build contains (from .next's manifests), also dressed up with
 * Next.js's internal headers. Protected things answer with a redirect to sign-in (or 401);
 * public pages answer without the account's data; and nothing changes: no session row, no audit
 * event of a change, and the challenge is still unpassed.
 * The lib mechanism: lib/sign-in/redeem-challenge.test.ts (an unpassed challenge cannot be redeemed).
 */
import { expect, test } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  Attacker,
  changeEvents,
  challengesOf,
  durableState,
  eachLimited,
  formFieldNames,
  fillPath,
  openChallengeFor,
  postPassword,
  resultOf,
  seedColleague,
  seedVictim,
  sessionIdsOf,
  type Answer,
  type RequestOptions,
  type Victim,
} from './attacker';
import {
  actionExposure,
  expectNoneOf,
  exposureOf,
  askRoute,
  isBareRouteTree,
  isNotFound,
  isSkippedPrefetch,
  sendsToSignIn,
  surface,
  urlFor,
} from './surface';

type Scene = { victim: Victim; colleague: Victim; attacker: Attacker; since: Date; before: string[] };

/** A victim with an authenticator; the attacker knows the password and posts it: they now hold the challenge. */
async function stolenPasswordScene(options: { postPassword: boolean }): Promise<Scene> {
  const victim = await seedVictim({ totp: true, username: true, mobile: '+447911123456' });
  const colleague = await seedColleague(victim.user, { totp: true });
  const since = new Date();
  const before = await durableState([victim.user.id, colleague.user.id], ['last_seen_at']);
  let attacker: Attacker;
  if (options.postPassword) {
    const posted = await postPassword(victim.user.email, victim.password);
    expect(posted.answer.redirect).toBe('/login/verify');
    attacker = posted.attacker;
  } else {
    // The same challenge the password step opens, without spending the per-IP password budget.
    attacker = await openChallengeFor(victim.user);
  }
  expect(attacker.challengeToken).toBeTruthy();
  expect(attacker.sessionToken).toBeUndefined();
  return { victim, colleague, attacker, since, before };
}

/** What the attacker must never read: the account's and its colleague's identity. */
const secretsOf = ({ victim, colleague }: Scene) => [
  victim.user.email,
  victim.user.name,
  victim.user.username,
  victim.user.mobile,
  victim.company.name,
  colleague.user.email,
  colleague.user.name,
];

/** Nothing happened: no session, no change event, the same durable rows, the challenge still waiting. */
async function expectNothingChanged(scene: Scene): Promise<void> {
  const { victim, colleague, since, before } = scene;
  expect(await sessionIdsOf(victim.user.id)).toEqual([]);
  expect(await sessionIdsOf(colleague.user.id)).toEqual([]);
  expect(await changeEvents(victim.company.id, since)).toEqual([]);
  expect(await durableState([victim.user.id, colleague.user.id], ['last_seen_at'])).toEqual(before);
  const challenges = await challengesOf(victim.user.id);
  expect(challenges.length).toBeGreaterThan(0);
  expect(challenges.every((c) => c.passed_at === null)).toBe(true);
}

/** Checks one GET answer against what its route's exposure allows. */
function judgePage(scene: Scene, path: string, exposure: string, answer: Answer, where: string): void {
  expectNoneOf(answer, secretsOf(scene), where);
  // Nothing ran: Next answered a middleware prefetch itself.
  if (isSkippedPrefetch(answer)) return;
  switch (exposure) {
    case 'protected':
      expect(sendsToSignIn(answer) || isBareRouteTree(answer), `${where}: ${answer.status} → ${answer.redirect}`).toBe(
        true,
      );
      break;
    case 'public':
      expect(answer.status, where).toBeLessThan(500);
      if (path === '/login/verify' && !isBareRouteTree(answer))
        expect(answer.text, `${where}: the challenge page`).toContain('Two-factor authentication');
      if (path === '/login/step-up') expect(sendsToSignIn(answer) || isBareRouteTree(answer), where).toBe(true);
      break;
    case 'api':
      expect(answer.status, where).toBe(401);
      break;
    case 'auth-api':
      expect(answer.status, where).toBeLessThan(500);
      expect(answer.text.trim(), where).toMatch(/^(null|\{\})?$/);
      break;
    case 'dev':
      expect(isNotFound(answer) || isBareRouteTree(answer), where).toBe(true);
      break;
    case 'outage':
      expect(answer.status, where).toBe(503);
      break;
    case 'probe':
      expect(answer.status, where).toBe(200);
      break;
  }
}

/** Every page and route handler, with the challenge cookie alone and with a forged session cookie beside it. */
async function sweepPages(scene: Scene, options: RequestOptions = {}, variants = ['alone', 'forged session']) {
  const routes = surface().routes;
  const jobs = routes.flatMap((route) => variants.map((variant) => ({ route, variant })));
  await eachLimited(jobs, 4, async ({ route, variant }) => {
    const exposure = exposureOf(route);
    const url = urlFor(route, { id: scene.colleague.user.id });
    // A forged session cookie gets past proxy.ts (which only looks for the cookie): the page must check itself.
    const cookies: Record<string, string> =
      variant === 'alone' ? {} : { 'authjs.session-token': randomBytes(48).toString('base64url') };
    const answer = await askRoute(scene.attacker, route, url, { ...options, cookies });
    judgePage(scene, route.path, exposure, answer, `GET ${url} (${variant}, ${JSON.stringify(options.headers ?? {})})`);
  });
}

/**
 * Form values an attacker who knows the password would send: the right password wherever one is
 * asked, the colleague as the target, ids that look real.
 */
function attackFields(scene: Scene): Record<string, string> {
  const { victim, colleague } = scene;
  const values: Record<string, string> = {
    // Sign-in with the right password would only open another challenge (the scene did that);
    // left empty it is refused before it counts against the per-IP password budget.
    identifier: '',
    password: victim.password,
    currentPassword: victim.password,
    newPassword: 'violet harbour compass 1987 kettle',
    confirm: 'violet harbour compass 1987 kettle',
    // Not an address: the public forms (reset request, sign-up) refuse it before doing their public
    // job, which would spend the run's per-IP reset budget or create a company.
    email: 'not-an-address',
    name: 'Taken Over',
    companyName: 'Taken Over Ltd',
    username: '!',
    code: '000000',
    method: 'totp',
    channel: 'email',
    answer: 'a guess',
    userId: colleague.user.id,
    requestId: randomUUID(),
    sessionId: randomUUID(),
    // The victim's own role (Administrator) for the colleague: a real promotion.
    role: victim.user.roleId,
    isApiAccount: 'on',
    mobile: '',
    enabled: '',
    allowTotp: 'on',
    allowDuo: '',
    confirmed: 'on',
    checked: 'on',
    reason: 'attack',
    preset: 'custom',
    custom: 'What was the name of your first street?',
    token: randomBytes(32).toString('base64url'),
  };
  return Object.fromEntries(formFieldNames().map((name) => [name, values[name] ?? 'x']));
}

/** Every server action, posted to every page that hosts it, with the challenge cookie. */
async function sweepActions(scene: Scene, options: RequestOptions = {}) {
  const jobs = surface().actions.flatMap((action) => action.hosts.map((host) => ({ action, host })));
  const fields = attackFields(scene);
  // One at a time: the public sign-in actions move the challenge cookie forward as they go.
  await eachLimited(jobs, 1, async ({ action, host }) => {
    const exposure = actionExposure(action);
    const path = fillPath(host, { id: scene.colleague.user.id });
    const answer = await scene.attacker.action(action, fields, { ...options, path });
    const where = `${action.name} at ${path} (${JSON.stringify(options.headers ?? {})})`;
    expectNoneOf(answer, secretsOf(scene), where);
    expect(scene.attacker.sessionToken, `${where} issued a session`).toBeUndefined();
    if (exposure === 'protected') {
      expect(sendsToSignIn(answer), `${where}: ${answer.status} → ${answer.redirect}`).toBe(true);
      expect(resultOf(answer), `${where} ran`).toBeUndefined();
    } else {
      expect(answer.status, where).toBeLessThan(500);
    }
  });
}

test.describe('skip the second factor with only the challenge cookie', () => {
  test('every page and route handler: the challenge page, a redirect to sign-in or 401, and nothing of the account', async () => {
    const scene = await stolenPasswordScene({ postPassword: true });
    await sweepPages(scene);
    // The API with the stolen password itself: a regular user's password never opens it.
    const basic = 'Basic ' + Buffer.from(`${scene.victim.user.email}:${scene.victim.password}`).toString('base64');
    for (const route of surface().routes.filter((r) => exposureOf(r) === 'api')) {
      // Each as it is called: GET, or POST for a route that only takes POST (POST /users/:id/reset-2fa).
      const answer = await askRoute(scene.attacker, route, route.path, { headers: { Authorization: basic } });
      judgePage(scene, route.path, 'api', answer, `${route.methods[0]} ${route.path} with the stolen password`);
    }
    await expectNothingChanged(scene);
  });

  test('every server action: a redirect to sign-in, or a public form that changes nothing', async () => {
    const scene = await stolenPasswordScene({ postPassword: true });
    await sweepActions(scene);
    await expectNothingChanged(scene);
  });

  test('the challenge token is no Auth.js credential: the credentials callback refuses it', async () => {
    const scene = await stolenPasswordScene({ postPassword: false });
    const ticket = scene.attacker.challengeToken!;
    const csrf = JSON.parse((await scene.attacker.get('/api/auth/csrf')).text) as { csrfToken: string };
    const answer = await scene.attacker.request('POST', '/api/auth/callback/credentials', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, ticket, callbackUrl: '/' }).toString(),
    });
    expect(scene.attacker.sessionToken).toBeUndefined();
    expect(answer.redirect ?? '').not.toBe('/');
    expect((await scene.attacker.get('/api/auth/session')).text.trim()).toMatch(/^(null|\{\})$/);
    await expectNothingChanged(scene);
  });
});

/**
 * Headers Next.js uses internally or that change how a request is routed: the subrequest marker
 * that skipped middleware (CVE-2025-29927), prefetch and RSC flags (proxy.ts's matcher skips
 * prefetches), and routing hints. None of them may reach more than the plain request did.
 */
const INTERNAL_HEADERS: Array<Record<string, string>> = [
  { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'next-router-prefetch': '1', purpose: 'prefetch' },
  { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' },
  { rsc: '1', 'next-router-state-tree': encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }])) },
  { 'x-invoke-path': '/', 'x-invoke-query': '{}', 'x-matched-path': '/', 'x-middleware-rewrite': '/' },
  { 'x-nextjs-data': '1', 'x-middleware-prefetch': '1', 'x-now-route-matches': '1' },
];

test.describe('the same with internal Next.js headers', () => {
  test('pages and route handlers', async () => {
    const scene = await stolenPasswordScene({ postPassword: false });
    for (const headers of INTERNAL_HEADERS) await sweepPages(scene, { headers }, ['alone']);
    await expectNothingChanged(scene);
  });

  test('server actions', async () => {
    const scene = await stolenPasswordScene({ postPassword: false });
    for (const headers of INTERNAL_HEADERS.slice(0, 3)) await sweepActions(scene, { headers });
    await expectNothingChanged(scene);
  });
});
