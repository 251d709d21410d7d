/**
 * Issue #8, attack 14 at the lib level: the database stops in the middle of a sign-in, cleanly
 * (between the password and the second factor) and hard (an immediate shutdown while second-factor
 * checks are in flight). Every error the sign-in code sees must be one the app recognises as "the
 * database is unavailable" (which pages turn into a 503 and actions into a message), and after a
 * restart nothing is half-written: each challenge, backup code, audit row and counter agrees with
 * the others. This file runs its own PostgreSQL (a free port, a temporary folder), so stopping it
 * disturbs no other test. The HTTP side: e2e/security/faults.spec.ts.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { runAction } from '../auth/run-action';
import { withApiAccount } from '../api/respond';
import { connect, getDb, type Db } from '../db/client';
import { freePort, isPortFree, startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';
import { isDatabaseUnavailable } from '../db/errors';
import { migrateDatabase } from '../db/migrate';
import { DATABASE_DOWN_MESSAGE } from '../result';
import { openChallenge } from './open-challenge';
import { redeemChallenge } from './redeem-challenge';
import { startSignIn } from './start-sign-in';
import { verifyFactor } from './verify-factor';

let dataDir: string;
let port: number;
let server: EmbeddedDatabase | undefined;
let pool: { db: Db; close: () => Promise<void> } | undefined;

async function start(): Promise<Db> {
  server = await startEmbeddedPostgres({ dataDir, port });
  pool = connect(server.url, { max: 10 });
  return pool.db;
}

/** A clean stop (fast shutdown), as an operator or a failover does. */
async function stop(): Promise<void> {
  await server!.stop();
  server = undefined;
}

/** An immediate shutdown (SIGQUIT to the postmaster): no checkpoint, crash recovery at the next start. */
async function crash(): Promise<void> {
  const lock = path.join(server!.clusterDir, 'postmaster.pid');
  if (!existsSync(lock)) throw new Error(`no ${lock}`);
  process.kill(Number(readFileSync(lock, 'utf8').split('\n')[0]), 'SIGQUIT');
  for (let i = 0; i < 200 && !(await isPortFree(port)); i++) await new Promise((r) => setTimeout(r, 50));
  expect(await isPortFree(port)).toBe(true);
  server = undefined;
}

async function restart(): Promise<Db> {
  await pool?.close().catch(() => undefined);
  return start();
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-outage-'));
  // Enterable by the postgres user (as root it runs as one), so the cluster lives in dataDir/pg.
  chmodSync(dataDir, 0o711);
  port = await freePort();
  await start();
  await migrateDatabase(server!.url);
}, 120_000);

afterAll(async () => {
  await pool?.close().catch(() => undefined);
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const codeAt = (secret: string, at: Date) => generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** The rows that must agree with each other for one user after any outage. */
async function ledger(db: Db, userId: string) {
  const one = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as T[])[0];
  const challenges = (await db.execute(
    sql`select id, attempts, passed_at, passed_method from login_challenges where user_id = ${userId}`,
  )) as unknown as Array<{ id: string; attempts: number; passed_at: string | null; passed_method: string | null }>;
  return {
    challenges,
    passed: challenges.filter((c) => c.passed_at !== null),
    usedCodes: (await one<{ n: number }>(
      sql`select count(*)::int as n from backup_codes where user_id = ${userId} and used_at is not null`,
    ))!.n,
    passAudits: (await one<{ n: number }>(
      sql`select count(*)::int as n from audit_events where target_user_id = ${userId} and type = 'auth.second_factor_passed'`,
    ))!.n,
    counted: (await one<{ count: number }>(sql`select count from rate_limits where key = ${'2fa:acct:' + userId}`))
      ?.count,
    consecutive: (
      await one<{ count: number }>(sql`select count from rate_limits where key = ${'2fa:consecutive:' + userId}`)
    )?.count,
    sessions: (await one<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = ${userId}`))!.n,
  };
}

describe('the database stops in the middle of a sign-in', () => {
  it('stopped between the password and the second factor: a clear error, then nothing half-done', async () => {
    let db = pool!.db;
    const { user, secret } = await seedUserWithTotp(db);
    const started = await startSignIn(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '10.9.0.1' });
    expect(started).toMatchObject({ ok: true, data: { required: true } });
    const token = started.ok ? started.data.token : '';
    const before = await ledger(db, user.id);

    await stop();
    const later = new Date(Date.now() + 30_000);
    const attempt = verifyFactor(db, { token, method: 'totp', code: codeAt(secret, later), now: later });
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    // What the verify action answers, through the same wrapper.
    expect(await runAction(() => verifyFactor(db, { token, method: 'totp', code: '123456' }))).toMatchObject({
      ok: false,
      error: DATABASE_DOWN_MESSAGE,
    });

    db = await restart();
    expect(await ledger(db, user.id)).toEqual(before);
    // The sign-in simply goes on.
    expect(await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, later), now: later })).toMatchObject({
      ok: true,
    });
    expect(await redeemChallenge(db, { token })).not.toBeNull();
    expect(await redeemChallenge(db, { token })).toBeNull();
  }, 60_000);

  it('crashed while second-factor checks run: every error is "unavailable", and every row agrees', async () => {
    let db = pool!.db;
    const { user, codes } = await seedUserWithTotp(db);
    const { sessions } = await ledger(db, user.id);
    const tokens = await Promise.all(
      Array.from({ length: 8 }, async () => (await openChallenge(db, { userId: user.id, factorRequired: true })).token),
    );
    // Four sign-ins race one backup code, four send wrong codes; the server dies as the first answer arrives.
    const attempts = tokens.map((token, i) =>
      verifyFactor(db, { token, method: 'backup', code: i < 4 ? codes[0] : `WRONG-${i}AAAA` }),
    );
    await Promise.race(attempts.map((a) => a.catch(() => undefined)));
    await crash();
    const outcomes = await Promise.allSettled(attempts);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect(isDatabaseUnavailable(outcome.reason), String(outcome.reason)).toBe(true);

    db = await restart();
    const after = await ledger(db, user.id);
    // At most one sign-in passed, with the raced code, and the code was used by it alone.
    expect(after.passed.length).toBeLessThanOrEqual(1);
    expect(after.passed.every((c) => c.passed_method === 'backup')).toBe(true);
    expect(after.usedCodes).toBe(after.passed.length);
    expect(after.passAudits).toBe(after.passed.length);
    // Every check that committed was counted once, with its effect: a pass or an attempt.
    const effects = after.passed.length + after.challenges.reduce((sum, c) => sum + c.attempts, 0);
    expect(after.counted ?? 0).toBe(effects);
    expect(after.consecutive ?? 0).toBe(effects);
    expect(after.sessions).toBe(sessions);

    // And sign-in goes on from there: a passed challenge redeems once, a new one takes a fresh code.
    const redeemed = await Promise.all(tokens.map((token) => redeemChallenge(db, { token })));
    expect(redeemed.filter(Boolean)).toHaveLength(after.passed.length);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true });
    expect((await verifyFactor(db, { token, method: 'backup', code: codes[5] })).ok).toBe(true);
  }, 60_000);

  it('the HTTP API answers 503 with Retry-After, not 500', async () => {
    // The API handlers use the app's own pool (getDb), pointed here at this file's PostgreSQL.
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = server!.url;
    const app = getDb();
    try {
      await app.execute(sql`select 1`);
      await stop();
      const request = new Request('http://127.0.0.1/api/v1/me', {
        headers: { Authorization: 'Basic ' + Buffer.from(`robot@example.com:${STRONG_PASSWORD}`).toString('base64') },
      });
      const answer = await withApiAccount(request, {}, async () => new Response('never'));
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      // Close the app's pool and forget it, so nothing after this test reuses it.
      const client = (app as unknown as { $client?: { end: (o: { timeout: number }) => Promise<void> } }).$client;
      await client?.end({ timeout: 1 }).catch(() => undefined);
      delete (globalThis as { latchkeyDb?: unknown }).latchkeyDb;
      process.env.DATABASE_URL = previous;
      if (!server) await restart();
    }
  }, 60_000);
});
