/**
 * The attacker's toolbox for e2e/security: what the build says exists (every page, route handler
 * and server action, read from .next's manifests, never a hand-kept list), an HTTP client that
 * speaks to them the way a script does (raw fetch, its own cookie jar, any header it likes), and
 * victims seeded straight into the e2e database with the app's own lib/ code.
 *
 * Budget: every password the suite posts from 127.0.0.1 counts against the per-IP sign-in limit that
 * the whole e2e run shares (LATCHKEY_SIGN_INS_PER_IP, raised for the run in e2e/config.ts). Sessions
 * here come from `signInAs` (a passed challenge exchanged through Auth.js) and challenges from
 * `openChallengeFor`, which post no password; only the attacks on the password step itself post one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createCompany } from '../../lib/accounts/create-company';
import { hashPassword } from '../../lib/crypto/password';
import { hashToken } from '../../lib/crypto/tokens';
import { companies, totpCredentials, users, type Company, type User } from '../../lib/db/schema';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { openChallenge } from '../../lib/sign-in/open-challenge';
import { replaceBackupCodes } from '../../lib/twofactor/backup-code-store';
import { beginTotpSetup } from '../../lib/twofactor/totp-credential';
import { APP_URL } from '../config';
import { e2eDb } from '../db';
import { PASSWORD, TotpDevice } from '../helpers';

// ---------------------------------------------------------------------------------------------
// What the build contains
// ---------------------------------------------------------------------------------------------

/**
 * A page or route handler of the build: its URL pattern, the route group it lives in and, for a
 * route handler, the HTTP methods its source exports.
 */
export type BuiltRoute = { kind: 'page' | 'route'; path: string; group: string | null; key: string; methods: string[] };

/** A server action: its id, where it is defined, the pages that host it and how many arguments it reads. */
export type BuiltAction = { id: string; name: string; file: string; hosts: string[]; arity: number };

/** "/(app)/admin/users/[id]/page" → "/admin/users/[id]", group "(app)". */
function routeOf(key: string): { path: string; group: string | null } {
  const segments = key
    .replace(/^app\//, '/')
    .split('/')
    .filter(Boolean)
    .slice(0, -1);
  const group = segments.find((s) => /^\(.+\)$/.test(s)) ?? null;
  return { path: '/' + segments.filter((s) => !/^\(.+\)$/.test(s)).join('/'), group };
}

/** Every page and route handler in .next/server/app-paths-manifest.json. */
export function builtRoutes(): BuiltRoute[] {
  const manifest = JSON.parse(readFileSync('.next/server/app-paths-manifest.json', 'utf8')) as Record<string, string>;
  return Object.keys(manifest).map((key) => ({
    kind: key.endsWith('/route') ? 'route' : 'page',
    key,
    ...routeOf(key),
    methods: key.endsWith('/route') ? methodsOf(key) : ['GET'],
  }));
}

/** The HTTP methods a route handler's source exports ("/(app)/x/route" → app/(app)/x/route.ts). */
function methodsOf(key: string): string[] {
  const file = ['.ts', '.tsx'].map((ext) => path.join('app', key + ext)).find((f) => existsSync(f));
  if (!file) return ['GET'];
  const exports = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('export'));
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) =>
    exports.some((line) => new RegExp(`\\b${m}\\b`).test(line)),
  );
}

/**
 * Next.js encodes in an action id's first byte which of the first six arguments the function
 * reads (bits 6..1) and whether it takes a rest argument (bit 0).
 */
function arityOf(id: string): number {
  const info = parseInt(id.slice(0, 2), 16);
  const mask = (info >> 1) & 0x3f;
  let arity = 0;
  for (let i = 0; i < 6; i++) if (mask & (1 << (5 - i))) arity = i + 1;
  return arity;
}

/** Every server action in .next/server/server-reference-manifest.json. */
export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName,
    file: entry.filename,
    hosts: Object.keys(entry.workers).map((worker) => routeOf(worker).path),
    arity: arityOf(id),
  }));
}

export function actionNamed(name: string): BuiltAction {
  const found = builtActions().find((a) => a.name === name);
  if (!found) throw new Error(`no server action named ${name} in the build`);
  return found;
}

/** A route's URL with its dynamic segments filled: [id] and [token] from `params`, catch-alls too. */
export function fillPath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(
    /\[(?:\.\.\.)?([^\]]+)\]/g,
    (_, name: string) => params[name] ?? `x${randomBytes(8).toString('hex')}`,
  );
}

/**
 * Every form field name the app's forms use (`name="…"` in app/**.tsx): what an attacker sees
 * by reading the pages, gathered from the source so that forms shown only in some states count.
 */
export function formFieldNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = readFileSync(full, 'utf8');
        // Fields a form renders, and fields an action reads or a client component sets itself.
        for (const m of source.matchAll(/\bname="([A-Za-z][A-Za-z0-9_]*)"/g)) names.add(m[1]);
        for (const m of source.matchAll(/\b(?:formData|form)\.(?:get|set)\('([A-Za-z][A-Za-z0-9_]*)'/g))
          names.add(m[1]);
      }
    }
  };
  walk('app');
  walk('components');
  names.delete('viewport');
  return [...names].sort();
}

// ---------------------------------------------------------------------------------------------
// The HTTP client
// ---------------------------------------------------------------------------------------------

export type Answer = {
  status: number;
  headers: Headers;
  text: string;
  /** Where the answer sends the browser: Location, or a server action's x-action-redirect (path only). */
  redirect: string | null;
  /** A server action's return value, when the answer carries one. */
  result?: unknown;
};

/** The path (and query) of an absolute or relative URL, without x-action-redirect's ";push". */
function pathOf(url: string | null): string | null {
  if (!url) return null;
  const bare = url.split(';')[0];
  const parsed = new URL(bare, APP_URL);
  return parsed.pathname + parsed.search;
}

/** Reads the action's return value out of an RSC answer: row 0 says which row holds it. */
export function actionResult(text: string): unknown {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = line.match(/^([0-9a-f]+):(.*)$/);
    if (m) rows.set(m[1], m[2]);
  }
  const root = rows.get('0');
  if (!root) return undefined;
  try {
    const head = JSON.parse(root) as { a?: unknown };
    if (typeof head.a === 'string' && head.a.startsWith('$@')) {
      const row = rows.get(head.a.slice(2));
      return row === undefined ? undefined : JSON.parse(row);
    }
    return head.a;
  } catch {
    return undefined;
  }
}

export type RequestOptions = {
  headers?: Record<string, string>;
  /** Origin header to send; default: the app's own origin, like a browser on the app's page. */
  origin?: string | null;
  /** Extra cookies for this request only. */
  cookies?: Record<string, string>;
  signal?: AbortSignal;
};

export type ActionOptions = RequestOptions & {
  /** The page to post to; default: the first page hosting the action. */
  path?: string;
  /** The arguments before the form data; default: from the action's arity (bound values, then prior state). */
  leading?: unknown[];
};

/**
 * A script with a cookie jar. It sends every cookie it holds to every path (a browser would scope
 * lk_challenge to /login; an attacker does not have to).
 */
export class Attacker {
  readonly jar = new Map<string, string>();

  constructor(readonly base = APP_URL) {}

  cookieHeader(extra: Record<string, string> = {}): string {
    const all = { ...Object.fromEntries(this.jar), ...extra };
    return Object.entries(all)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  get challengeToken(): string | undefined {
    return this.jar.get('lk_challenge');
  }

  get sessionToken(): string | undefined {
    return this.jar.get('authjs.session-token');
  }

  /** A copy with the same cookies: a second device, or the same stolen cookie replayed. */
  clone(): Attacker {
    const copy = new Attacker(this.base);
    for (const [k, v] of this.jar) copy.jar.set(k, v);
    return copy;
  }

  private absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (!value || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async request(method: string, urlPath: string, init: RequestOptions & { body?: BodyInit } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(init.cookies);
    if (cookie) headers.Cookie = cookie;
    if (init.origin !== null && method !== 'GET') headers.Origin = init.origin ?? this.base;
    const response = await fetch(this.base + urlPath, {
      method,
      headers,
      body: init.body,
      redirect: 'manual',
      signal: init.signal ?? AbortSignal.timeout(20_000),
    });
    this.absorb(response);
    const text = await response.text();
    const redirect = pathOf(response.headers.get('x-action-redirect') ?? response.headers.get('location'));
    return { status: response.status, headers: response.headers, text, redirect };
  }

  get(urlPath: string, options: RequestOptions = {}): Promise<Answer> {
    return this.request('GET', urlPath, options);
  }

  /**
   * Calls a server action the way Next's client does: POST to a page with `Next-Action`, the
   * arguments encoded as React's reply format (the form data as entries `_1_<field>`, then the
   * argument list as entry 0).
   */
  async action(
    action: BuiltAction | string,
    fields: Record<string, string> = {},
    options: ActionOptions = {},
  ): Promise<Answer> {
    const built = typeof action === 'string' ? actionNamed(action) : action;
    const leading = options.leading ?? defaultLeading(built);
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
    body.append('0', JSON.stringify([...leading.map((v) => (v === undefined ? '$undefined' : v)), '$K1']));
    const answer = await this.request('POST', options.path ?? fillPath(built.hosts[0]), {
      ...options,
      headers: { 'Next-Action': built.id, Accept: 'text/x-component', ...options.headers },
      body,
    });
    return { ...answer, result: actionResult(answer.text) };
  }

  /**
   * The same action posted without JavaScript: a multipart form with `$ACTION_ID_<id>` and the
   * fields, as a browser submits a server-action form when scripts are off.
   */
  async formAction(action: BuiltAction | string, fields: Record<string, string>, options: ActionOptions = {}) {
    const built = typeof action === 'string' ? actionNamed(action) : action;
    const body = new FormData();
    body.append(`$ACTION_ID_${built.id}`, '');
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return this.request('POST', options.path ?? fillPath(built.hosts[0]), { ...options, body });
  }
}

/**
 * Arguments before the form data. Two or more: bound values (random link tokens), then the prior
 * state of a form with state. One: the form data alone, except on a page with a [token] segment,
 * where a one-argument action is bound to the token (`action.bind(null, token)`, the rest ignored).
 */
function defaultLeading(action: BuiltAction): unknown[] {
  const token = () => randomBytes(32).toString('base64url');
  if (action.arity <= 1)
    return action.hosts.some((host) => host.includes('[token]')) && action.arity === 1 ? [token(), null] : [];
  return [...Array.from({ length: action.arity - 2 }, token), null];
}

/** A server action's return value as a Result, when it returned one. */
export type ActionResult = { ok: boolean; error?: string; data?: unknown; fieldErrors?: Record<string, string> };

export function resultOf(answer: Answer): ActionResult | undefined {
  const r = answer.result as ActionResult | undefined;
  return r && typeof r === 'object' && 'ok' in r ? r : undefined;
}

// ---------------------------------------------------------------------------------------------
// Victims and sessions
// ---------------------------------------------------------------------------------------------

export type Victim = {
  user: User;
  company: Company;
  password: string;
  /** The authenticator app, when the victim has one. */
  device?: TotpDevice;
  secret?: string;
  backupCodes?: string[];
};

const tag = () => randomBytes(5).toString('hex');

/**
 * A new company and its admin (through the code a confirmed sign-up runs), optionally with an
 * active authenticator and backup codes, a mobile number, or company-wide 2FA turned on.
 */
export async function seedVictim(
  options: { totp?: boolean; companyTwoFactor?: boolean; mobile?: string; username?: boolean } = {},
): Promise<Victim> {
  const t = tag();
  const admin = await createCompany(e2eDb(), {
    companyName: `Victim Co ${t}`,
    name: `Victim ${t}`,
    email: `victim-${t}@example.com`,
    username: options.username ? `victim_${t}` : null,
    passwordHash: await hashPassword(PASSWORD),
  });
  return finishSeeding(admin, options);
}

/** Another user of the victim's company (role member unless said), with the standard password. */
export async function seedColleague(
  of: { companyId: string },
  options: {
    role?: 'administrator' | 'member' | 'auditor';
    totp?: boolean;
    mobile?: string;
    isApiAccount?: boolean;
  } = {},
): Promise<Victim> {
  const db = e2eDb();
  const t = tag();
  const [user] = await db
    .insert(users)
    .values({
      companyId: of.companyId,
      name: `Colleague ${t}`,
      email: `colleague-${t}@example.com`,
      roleId: await builtInRoleId(db, of.companyId, options.role ?? 'member'),
      mobile: options.mobile ?? null,
      isApiAccount: options.isApiAccount ?? false,
      passwordHash: await hashPassword(PASSWORD),
    })
    .returning();
  return finishSeeding(user, options);
}

async function finishSeeding(user: User, options: { totp?: boolean; companyTwoFactor?: boolean; mobile?: string }) {
  const db = e2eDb();
  if (options.mobile) await db.update(users).set({ mobile: options.mobile }).where(eq(users.id, user.id));
  if (options.companyTwoFactor)
    await db.update(companies).set({ twoFactorRequired: true }).where(eq(companies.id, user.companyId));
  let secret: string | undefined;
  let backupCodes: string[] | undefined;
  if (options.totp) {
    secret = (await beginTotpSetup(db, user.id))!;
    await db.update(totpCredentials).set({ confirmedAt: new Date() }).where(eq(totpCredentials.userId, user.id));
    await db.update(users).set({ preferredMethod: 'totp' }).where(eq(users.id, user.id));
    backupCodes = await replaceBackupCodes(db, user.id);
  }
  const [fresh] = await db.select().from(users).where(eq(users.id, user.id));
  const [company] = await db.select().from(companies).where(eq(companies.id, user.companyId));
  return {
    user: fresh,
    company,
    password: PASSWORD,
    secret,
    backupCodes,
    device: secret ? new TotpDevice(secret) : undefined,
  };
}

/**
 * A sign-in challenge for `user` as if their password had just been checked (no password is
 * posted, so the per-IP budget is spared); `passed` opens it already passed, as when no second
 * factor applies. Returns an Attacker holding its cookie.
 */
export async function openChallengeFor(user: { id: string }, options: { passed?: boolean } = {}): Promise<Attacker> {
  const { token } = await openChallenge(e2eDb(), { userId: user.id, factorRequired: !options.passed, ip: '127.0.0.1' });
  const attacker = new Attacker();
  attacker.jar.set('lk_challenge', token);
  return attacker;
}

/**
 * Exchanges a passed challenge for a session through Auth.js's own credentials endpoint, as
 * finishSignIn does: the session row and the cookie are the app's, only the password step and the
 * second factor are skipped. The session counts as having passed a second factor just now (so an
 * admin is within the re-authentication window), unless `passwordOnly`.
 */
export async function signInAs(user: { id: string }, options: { passwordOnly?: boolean } = {}): Promise<Attacker> {
  const attacker = await openChallengeFor(user, { passed: options.passwordOnly });
  const ticket = attacker.challengeToken!;
  attacker.jar.delete('lk_challenge');
  if (!options.passwordOnly)
    await e2eDb().execute(
      sql`update login_challenges set passed_at = now(), passed_method = 'totp' where token_hash = ${hashToken(ticket)}`,
    );
  const { csrfToken } = JSON.parse((await attacker.get('/api/auth/csrf')).text) as { csrfToken: string };
  const answer = await attacker.request('POST', '/api/auth/callback/credentials', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, ticket, callbackUrl: '/' }).toString(),
  });
  if (!attacker.sessionToken) throw new Error(`signInAs failed: ${answer.status} ${answer.redirect}`);
  return attacker;
}

/** Step one of sign-in through the real form action: posts a password (mind the per-IP budget). */
export async function postPassword(identifier: string, password: string, attacker = new Attacker()) {
  const answer = await attacker.action('signInWithPassword', { identifier, password });
  return { attacker, answer };
}

// ---------------------------------------------------------------------------------------------
// Looking at the database (the e2e server's own)
// ---------------------------------------------------------------------------------------------

export async function sessionIdsOf(userId: string): Promise<string[]> {
  const rows = (await e2eDb().execute(
    sql`select id from sessions where user_id = ${userId} order by created_at`,
  )) as unknown as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

export async function challengesOf(
  userId: string,
): Promise<Array<{ id: string; attempts: number; passed_at: string | null }>> {
  return (await e2eDb().execute(
    sql`select id, attempts, passed_at from login_challenges where user_id = ${userId} order by created_at`,
  )) as unknown as Array<{ id: string; attempts: number; passed_at: string | null }>;
}

export async function auditTypes(companyId: string, since: Date): Promise<string[]> {
  const rows = (await e2eDb().execute(
    sql`select type from audit_events where company_id = ${companyId} and created_at >= ${since.toISOString()}::timestamptz
        order by id`,
  )) as unknown as Array<{ type: string }>;
  return rows.map((r) => r.type);
}

/** Audit events that record a failure, not a change. */
export const NON_CHANGE_EVENTS = new Set([
  'recovery.answer_failed',
  'otp.delivery_failed',
  'email.failed',
  'password.reset_requested',
]);

export const randomEmail = () => `nobody-${tag()}@example.com`;
export const randomId = () => randomUUID();

/** Runs `work` over `items`, at most `limit` at a time (the machine has two cores; so does CI). */
export async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

/** Tables that are counters, sign-ins in progress or logs, not an account's durable state. */
const VOLATILE_TABLES = new Set(['login_challenges', 'login_codes', 'rate_limits', 'audit_events', 'outbox_messages']);

/**
 * Every durable row that mentions one of `ids` (user, company, session ids), as JSON text, sorted:
 * two snapshots are equal exactly when nothing of theirs changed. `ignore` drops volatile columns.
 */
export async function durableState(ids: string[], ignore: string[] = []): Promise<string[]> {
  const db = e2eDb();
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as Array<{ table_name: string }>;
  const found: string[] = [];
  for (const table of tables.map((t) => t.table_name).filter((t) => !VOLATILE_TABLES.has(t))) {
    const rows = (await db.execute(
      sql`select (row_to_json(t)::jsonb - ${sql.raw(`array[${['', ...ignore].map((c) => `'${c}'`).join(',')}]`)})::text
            as row
          from ${sql.identifier(table)} t
          where ${sql.join(
            ids.map((id) => sql`row_to_json(t)::text like ${'%' + id + '%'}`),
            sql` or `,
          )}`,
    )) as unknown as Array<{ row: string }>;
    found.push(...rows.map((r) => `${table} ${r.row}`));
  }
  return found.sort();
}

/** The audit events of a company since `since` that record a change (not a failure). */
export async function changeEvents(companyId: string, since: Date): Promise<string[]> {
  return (await auditTypes(companyId, since)).filter((type) => !NON_CHANGE_EVENTS.has(type));
}
