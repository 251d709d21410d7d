import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { isDatabaseUnavailable } from '../db/errors';
import { migrationsApplied } from '../db/migration-status';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** A load balancer asks every second or so: a slower answer is as good as none. */
export const READINESS_TIMEOUT_MS = 2_000;

/** Databases seen fully migrated. Migrations only ever move forward, so after that one `select 1` does. */
const migrated = new WeakSet<Db>();

/**
 * Whether this instance can serve: the database answers and has every migration this build needs.
 * One trivial query per call once the migrations have been seen applied.
 */
export async function checkReadiness(db: Db, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  // Set by scripts/serve.mjs on SIGTERM: finishing its requests, this instance takes no new work.
  if (process.env.LATCHKEY_STOPPING === '1') return { ready: false, reason: 'This instance is stopping.' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const check = migrated.has(db) ? db.execute(sql`select 1`).then(() => true) : migrationsApplied(db);
  try {
    const applied = await Promise.race([check, timeout]);
    if (applied === 'timeout') return { ready: false, reason: `The database did not answer within ${timeoutMs} ms.` };
    if (!applied) return { ready: false, reason: 'The database migrations are not applied.' };
    migrated.add(db);
    return { ready: true };
  } catch (error) {
    return {
      ready: false,
      reason: isDatabaseUnavailable(error) ? 'The database cannot be reached.' : 'The database check failed.',
    };
  } finally {
    clearTimeout(timer);
    // A check that lost the race must not surface later as an unhandled rejection.
    check.catch(() => {});
  }
}
