/**
 * The attack surface as the build defines it, sorted by who may reach it. The rule is by route
 * group and prefix, not by a list of routes: a new page in (app) is protected without anyone
 * touching this file, and a route that fits no rule fails the suite until someone decides.
 */
import { expect } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  builtActions,
  builtRoutes,
  fillPath,
  type Answer,
  type Attacker,
  type BuiltAction,
  type BuiltRoute,
  type RequestOptions,
} from './attacker';

export type Exposure = 'protected' | 'public' | 'api' | 'auth-api' | 'probe' | 'outage' | 'dev' | 'internal';

export function exposureOf(route: { path: string; group: string | null }): Exposure {
  // The API's description and its reference page: anyone may read how the API works.
  if (route.path === '/api/v1/openapi.json' || route.path === '/docs/api') return 'public';
  if (route.path.startsWith('/api/v1/')) return 'api';
  if (route.path.startsWith('/api/auth/')) return 'auth-api';
  if (route.group === '(app)') return 'protected';
  if (route.group === '(auth)') return 'public';
  if (route.path === '/unavailable') return 'outage';
  // Load-balancer probes: anyone may ask whether the process (and its database) answers.
  if (route.path === '/healthz' || route.path === '/readyz') return 'probe';
  if (route.path.startsWith('/dev/')) return 'dev';
  if (route.path === '/_not-found' || route.path === '/_global-error') return 'internal';
  throw new Error(`${route.path} fits no exposure rule in e2e/security/surface.ts: decide who may reach it`);
}

/** An action is protected when every page hosting it is. */
export function actionExposure(action: BuiltAction): Exposure {
  const exposures = new Set(action.hosts.map((host) => exposureOf(routeAt(host))));
  if (exposures.size !== 1) throw new Error(`${action.name} is hosted by pages of different exposure`);
  return [...exposures][0];
}

function routeAt(path: string): BuiltRoute {
  const route = builtRoutes().find((r) => r.kind === 'page' && r.path === path);
  if (!route) throw new Error(`no page at ${path}`);
  return route;
}

export const surface = () => ({
  routes: builtRoutes().filter((r) => exposureOf(r) !== 'internal'),
  actions: builtActions(),
});

/** A URL for a route: [id] is `userId`, the Auth.js catch-all asks for the session, tokens are random. */
export function urlFor(route: BuiltRoute, params: { id?: string } = {}): string {
  return fillPath(route.path, {
    id: params.id ?? randomUUID(),
    token: randomBytes(32).toString('base64url'),
    nextauth: 'session',
  });
}

/**
 * GET as the attacker, following only Next's cache-busting redirect to the same page (?_rsc=…),
 * which RSC requests get first.
 */
export async function getFollowingRsc(attacker: Attacker, url: string, options: RequestOptions = {}): Promise<Answer> {
  return followingRsc(attacker, 'GET', url, options);
}

/** A request that follows Next's RSC cache-busting redirect (same path, `_rsc` added; a 307 keeps the method). */
async function followingRsc(attacker: Attacker, method: string, url: string, options: RequestOptions): Promise<Answer> {
  let answer = await attacker.request(method, url, options);
  for (
    let i = 0;
    i < 2 && answer.redirect?.split('?')[0] === url.split('?')[0] && answer.redirect.includes('_rsc');
    i++
  )
    answer = await attacker.request(method, answer.redirect, options);
  return answer;
}

/**
 * What a script gets from a route as it is meant to be called: GET, or, for a route handler that
 * only takes POST, a same-origin POST with no body (either following the RSC redirect).
 */
export async function askRoute(
  attacker: Attacker,
  route: BuiltRoute,
  url: string,
  options: RequestOptions = {},
): Promise<Answer> {
  return followingRsc(attacker, route.methods.includes('GET') ? 'GET' : 'POST', url, options);
}

/** True when the answer sends to the sign-in page: a redirect, or the redirect an RSC answer carries. */
export function sendsToSignIn(answer: Answer): boolean {
  const to = answer.redirect ?? answer.text.match(/NEXT_REDIRECT;[a-z]+;([^;"]+);/)?.[1] ?? null;
  return to !== null && /^\/login(\?|$)/.test(to);
}

/** An RSC prefetch of the route tree only: segment names, nothing rendered. */
export function isBareRouteTree(answer: Answer): boolean {
  return answer.status === 200 && !answer.text.includes('$Sreact') && !answer.text.includes('<html');
}

/**
 * Next's answer to `x-middleware-prefetch`: an empty `{}` marked x-middleware-skip, produced
 * without running the page or route handler at all (so it can reveal nothing).
 */
export function isSkippedPrefetch(answer: Answer): boolean {
  return answer.headers.get('x-middleware-skip') === '1' && answer.text.trim() === '{}';
}

/** A 404, as a page or as the not-found an RSC answer carries. */
export function isNotFound(answer: Answer): boolean {
  return answer.status === 404 || answer.text.includes('"NEXT_HTTP_ERROR_FALLBACK;404"');
}

/** The texts an answer must never contain: the account's email, name, username, company… */
export function expectNoneOf(answer: Answer, secrets: Array<string | null | undefined>, where: string): void {
  const haystack = answer.text.toLowerCase() + JSON.stringify([...answer.headers]).toLowerCase();
  for (const secret of secrets) {
    if (!secret) continue;
    expect(haystack.includes(secret.toLowerCase()), `${where} reveals "${secret}"`).toBe(false);
  }
}
