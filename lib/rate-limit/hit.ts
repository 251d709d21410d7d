import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { rateLimits } from '../db/schema';
import { LOCKOUT_BACKOFF_MAX_MS } from '../limits';

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };
/**
 * One counter: `limit` attempts per fixed window of `windowMs`. With `backoff`, going over the
 * limit again after an earlier lockout locks for longer each time: the first lockout lasts the
 * rest of the window, the next ones 2, 4, 8… windows from then, up to LOCKOUT_BACKOFF_MAX_MS.
 */
export type RateLimitClaim = { key: string; limit: number; windowMs: number; backoff?: boolean };

/**
 * The upsert that counts one attempt against each key in a fixed window: a new key or an ended
 * window starts at 1, otherwise the count goes up. Shared by hitRateLimits and the sign-in's
 * check-and-consume statement, so every counter in the product moves the same way.
 */
export function countAttemptsSql(claims: RateLimitClaim[], now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  // Rows are locked in key order by every multi-key statement, so two of them can never deadlock.
  const rows = [...claims]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => sql`(${c.key}, 1, ${new Date(now.getTime() + c.windowMs).toISOString()}::timestamptz)`);
  const ended = sql`${rateLimits.windowEndsAt} <= ${at}`;
  const backoff = backoffSql(
    claims.filter((c) => c.backoff),
    at,
    ended,
  );
  return sql`insert into ${rateLimits} (key, count, window_ends_at) values ${sql.join(rows, sql`, `)}
    on conflict (key) do update set
      count = case when ${ended} then 1 else ${rateLimits.count} + 1 end,
      window_ends_at = case
        when ${ended} then excluded.window_ends_at ${backoff.longerLockout}
        else ${rateLimits.windowEndsAt} end
      ${backoff.countLockout}
    returning key, count, window_ends_at`;
}

/**
 * Backoff, inside the same upsert: the attempt that first goes over a backoff claim's limit in a
 * live window (the count was exactly the limit) adds one to the row's `lockouts` and, after an
 * earlier lockout, moves the window's end out to 2^lockouts windows from now (capped). Row locks
 * make exactly one of any number of concurrent attempts the one that trips it. The row remembers
 * its lockouts until a success deletes it (or the purge of ended windows does).
 */
function backoffSql(claims: RateLimitClaim[], at: SQL, ended: SQL) {
  if (claims.length === 0) return { longerLockout: sql``, countLockout: sql`` };
  const perKey = (value: (c: RateLimitClaim) => number, type: 'int' | 'bigint') =>
    sql`(case excluded.key ${sql.join(
      claims.map((c) => sql`when ${c.key} then ${value(c)}::${sql.raw(type)}`),
      sql` `,
    )} end)`;
  const trips = sql`(not ${ended} and ${rateLimits.count} = ${perKey((c) => c.limit, 'int')})`;
  const lockoutMs = sql`least(${perKey((c) => c.windowMs, 'bigint')} * power(2, ${rateLimits.lockouts}), ${LOCKOUT_BACKOFF_MAX_MS}::bigint)`;
  return {
    longerLockout: sql`when ${trips} and ${rateLimits.lockouts} > 0
          then greatest(${rateLimits.windowEndsAt}, ${at} + ${lockoutMs} * interval '1 millisecond')`,
    countLockout: sql`, lockouts = case when ${trips} then ${rateLimits.lockouts} + 1 else ${rateLimits.lockouts} end`,
  };
}

/** Reads one returned counter row against its claim. */
export function judge(claim: RateLimitClaim, row: { count: number; window_ends_at: Date | string }, now: Date) {
  const endsAt = new Date(row.window_ends_at).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
  return { allowed: row.count <= claim.limit, count: row.count, retryAfterSeconds };
}

/**
 * Counts one attempt against every claim's key and says, per claim, whether it is within its
 * limit. One statement does the check and the count for all keys, so concurrent attempts on
 * several app instances cannot slip past a limit together.
 */
export async function hitRateLimits(
  db: DbOrTx,
  claims: RateLimitClaim[],
  now = new Date(),
): Promise<RateLimitResult[]> {
  const rows = (await db.execute(countAttemptsSql(claims, now))) as unknown as Array<{
    key: string;
    count: number;
    window_ends_at: string;
  }>;
  return claims.map((claim) =>
    judge(
      claim,
      rows.find((r) => r.key === claim.key)!,
      now,
    ),
  );
}

/** hitRateLimits for a single key. */
export async function hitRateLimit(db: DbOrTx, options: RateLimitClaim & { now?: Date }): Promise<RateLimitResult> {
  const [result] = await hitRateLimits(db, [options], options.now);
  return result;
}

/** The first refusal among results, with the longest wait of all refusals; null when all allowed. */
export function firstRefusal(results: RateLimitResult[]): { index: number; retryAfterSeconds: number } | null {
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return null;
  return {
    index: results.findIndex((r) => !r.allowed),
    retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)),
  };
}

/** The given keys' rows, locked in key order (as every multi-key statement locks them: no deadlock). */
function inKeyOrder(keys: string[]) {
  const list = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql`select key from ${rateLimits} where key in (${list}) order by key for update`;
}

/** Forgets the attempts counted against these keys (after a success). */
export async function resetRateLimits(db: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`delete from ${rateLimits} where key in (${inKeyOrder(keys)})`);
}

/** resetRateLimits for a single key. */
export async function resetRateLimit(db: DbOrTx, key: string): Promise<void> {
  await resetRateLimits(db, [key]);
}

/**
 * Gives back one attempt counted against each key. Counting before the check and refunding after
 * a success keeps a limit atomic under concurrency without letting successes erase failures.
 */
export async function refundRateLimits(db: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`update ${rateLimits} set count = greatest(count - 1, 0) where key in (${inKeyOrder(keys)})`);
}

/** refundRateLimits for a single key. */
export async function refundRateLimit(db: DbOrTx, key: string): Promise<void> {
  await refundRateLimits(db, [key]);
}

/** "3 minutes", "5 hours", "2 days": how long a lockout lasts, for messages. */
export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.ceil(hours / 24)} days`;
}
