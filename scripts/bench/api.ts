/**
 * Issue 11: GET /api/v1/me at 32 concurrent, the way integrations call it (each its own API Account,
 * connection kept alive, from its own loopback address), in three ways:
 *   - Basic auth, credentials remembered by the server (the default, LATCHKEY_API_CREDENTIAL_CACHE_SECONDS=60);
 *   - an API key (Authorization: Bearer lk_…);
 *   - Basic auth with an argon2 hash per call: a second app server (and floor) on the same database
 *     with LATCHKEY_API_CREDENTIAL_CACHE_SECONDS=0.
 * Each against its floor: the bare node:http server calling the same lib function (lib-calls.ts apiMe).
 */
import http from 'node:http';
import type { Db } from '../../lib/db/client';
import { apiKeys, companies, users } from '../../lib/db/schema';
import { generateApiKey } from '../../lib/api-keys/key-format';
import { insertBuiltInRoles } from '../../lib/roles/built-in-roles';
import { BENCH, PASSWORD } from './config';
import { withCpu } from './cpu';
import { startFloor, type Floor } from './floor';
import { runScenario, type Outcome, type Stats } from './load';
import type { CpuRow } from './report';
import { loopbackAddress } from './seed';
import { pickPort, startAppServer, type AppServer } from './server';

export const API_CONCURRENCY = 32;

/**
 * What each server of the API scenario needs beyond the defaults: no per-account or per-address
 * limit may answer 429 in place of the work measured (32 accounts make thousands of calls a minute).
 */
export const API_SERVER_ENV = { LATCHKEY_API_CALLS_PER_MINUTE: '1000000000', LATCHKEY_SIGN_INS_PER_IP: '1000000000' };
/** …and for the server that hashes on every call. */
export const NO_CACHE_ENV = { ...API_SERVER_ENV, LATCHKEY_API_CREDENTIAL_CACHE_SECONDS: '0' };

type ApiAccount = { email: string; token: string; ip: string };

/** One company's API Accounts (role Member: /me needs no permission), each with a key, calling from its own address. */
export async function seedApiAccounts(db: Db, input: { count: number; passwordHash: string }): Promise<ApiAccount[]> {
  const [company] = await db.insert(companies).values({ name: 'Bench API Inc.' }).returning();
  const roles = await insertBuiltInRoles(db, company.id);
  const accounts = Array.from({ length: input.count }, (_, i) => ({
    email: `robot${i}@bench-api.example`,
    key: generateApiKey(),
    // Past the sign-in users' addresses (127.64.0.1 onwards).
    ip: loopbackAddress(60_000 + i),
  }));
  const rows = await db
    .insert(users)
    .values(
      accounts.map((a, i) => ({
        companyId: company.id,
        roleId: roles.member.id,
        name: `Robot ${i}`,
        email: a.email,
        passwordHash: input.passwordHash,
        isApiAccount: true,
      })),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(apiKeys).values(
    accounts.map((a) => ({
      userId: rows.find((r) => r.email === a.email)!.id,
      name: 'bench',
      prefix: a.key.prefix,
      secretHash: a.key.secretHash,
    })),
  );
  return accounts.map((a) => ({ email: a.email, token: a.key.token, ip: a.ip }));
}

type Credential = (account: ApiAccount) => string;
const basicAuth: Credential = (a) => `Basic ${Buffer.from(`${a.email}:${PASSWORD}`).toString('base64')}`;
const bearer: Credential = (a) => `Bearer ${a.token}`;

/** One GET /api/v1/me on a kept-alive connection from the account's address; the whole answer read. */
function callMe(agent: http.Agent, url: URL, authorization: string, localAddress: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { agent, host: url.hostname, port: url.port, path: '/api/v1/me', localAddress, headers: { authorization } },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status === 200) return resolve({ ok: true });
          const retryAfter = Number(response.headers['retry-after']);
          resolve({
            ok: false,
            reason: `HTTP ${status}`,
            retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/**
 * One successful call per account first, a few at a time (retrying "busy"): with Basic the server then
 * remembers every account's credentials, so the window measures the steady state an integration
 * sees, not the first call's hash.
 */
async function firstCalls(agent: http.Agent, target: URL, accounts: ApiAccount[], credential: Credential) {
  const queue = [...accounts];
  const deadline = performance.now() + 120_000;
  const worker = async () => {
    for (let account = queue.shift(); account; account = queue.shift()) {
      for (;;) {
        const outcome = await callMe(agent, target, credential(account), account.ip);
        if (outcome.ok) break;
        if (performance.now() > deadline)
          throw new Error(`The first call of ${account.email} kept failing: ${outcome.reason}`);
        await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs ?? 500));
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** 32 workers calling /me round robin over the accounts, each account on its own kept-alive connection. */
function meScenario(agent: http.Agent, target: URL, accounts: ApiAccount[], credential: Credential): Promise<Stats> {
  let next = 0;
  return runScenario({
    concurrency: API_CONCURRENCY,
    warmupMs: BENCH.warmupSeconds * 1000,
    measureMs: BENCH.measureSeconds * 1000,
    next: () => {
      const account = accounts[next++ % accounts.length];
      return () => callMe(agent, target, credential(account), account.ip);
    },
  });
}

export type ApiRow = { label: string; app: Stats; floor: Stats };
export type ApiResults = { rows: ApiRow[]; cpu: CpuRow[] };
type Targets = { app: string; floor: string };

/** Floor first, then the app, for each way of authenticating. */
export async function runApiSuite(input: {
  accounts: ApiAccount[];
  cached: Targets;
  hashPerCall: Targets;
  pgids: number[];
}): Promise<ApiResults> {
  const cpu: CpuRow[] = [];
  const measure = async (name: string, url: string, credential: Credential) => {
    const agent = new http.Agent({ keepAlive: true });
    const target = new URL(url);
    await firstCalls(agent, target, input.accounts, credential);
    const { result, cpu: use } = await withCpu(input.pgids, () =>
      meScenario(agent, target, input.accounts, credential),
    ).finally(() => agent.destroy());
    cpu.push({ name, answers: result.total, use });
    const errors = Object.keys(result.errors).length ? `, errors ${JSON.stringify(result.errors)}` : '';
    console.log(
      `· ${name}: ${result.throughput.toFixed(1)}/s, median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.ok} ok${errors}`,
    );
    return result;
  };
  const c = API_CONCURRENCY;
  const ways: Array<[string, Targets, Credential]> = [
    [`GET /api/v1/me, ${c} concurrent, Basic (credentials remembered)`, input.cached, basicAuth],
    [`GET /api/v1/me, ${c} concurrent, API key`, input.cached, bearer],
    [`GET /api/v1/me, ${c} concurrent, Basic with a hash per call`, input.hashPerCall, basicAuth],
  ];
  const rows: ApiRow[] = [];
  for (const [label, targets, credential] of ways) {
    const floor = await measure(`${label}: floor`, targets.floor, credential);
    const app = await measure(`${label}: app`, targets.app, credential);
    rows.push({ label, app, floor });
  }
  return { rows, cpu };
}

/**
 * The API part of a run, next to servers already started with API_SERVER_ENV: seeds the accounts,
 * starts the second app and floor that hash on every call (same database), measures, stops them.
 */
export async function benchApi(input: {
  db: Db;
  passwordHash: string;
  app: AppServer;
  floor: Floor;
  secrets: { AUTH_SECRET: string; APP_ENCRYPTION_KEY: string };
  pgids: number[];
}): Promise<ApiResults> {
  const accounts = await seedApiAccounts(input.db, { count: API_CONCURRENCY, passwordHash: input.passwordHash });
  console.log(`· seeded ${accounts.length} API Accounts, each with a key`);
  const taken = [input.app.port, Number(new URL(input.floor.url).port)];
  const appPort = await pickPort(BENCH.appPorts, taken);
  let hashing: AppServer | undefined;
  let hashingFloor: Floor | undefined;
  try {
    hashing = await startAppServer({
      port: appPort,
      pgPort: 0,
      secrets: input.secrets,
      databaseUrl: input.app.databaseUrl,
      env: NO_CACHE_ENV,
    });
    hashingFloor = await startFloor({
      port: await pickPort(BENCH.appPorts, [...taken, appPort]),
      databaseUrl: input.app.databaseUrl,
      env: NO_CACHE_ENV,
    });
    console.log(`· app with a hash per call: ${hashing.url}; its floor: ${hashingFloor.url}`);
    return await runApiSuite({
      accounts,
      cached: { app: input.app.url, floor: input.floor.url },
      hashPerCall: { app: hashing.url, floor: hashingFloor.url },
      pgids: [...input.pgids, hashing.pgid],
    });
  } finally {
    await hashingFloor?.stop();
    await hashing?.stop();
  }
}
