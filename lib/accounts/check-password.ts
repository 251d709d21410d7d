import { eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users, type User } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { hitRateLimit, refundRateLimit, resetRateLimit } from '../rate-limit/hit';
import {
  CONSECUTIVE_FAILURES_LIMIT,
  CONSECUTIVE_FAILURES_WINDOW_MS,
  PASSWORD_ATTEMPTS_PER_IP,
  PASSWORD_FAILURES_PER_ACCOUNT,
  PASSWORD_WINDOW_MS,
} from '../limits';

export type PasswordCheck =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** Finds a user by email or username, case-insensitively. */
export async function findUserByIdentifier(db: DbOrTx, identifier: string): Promise<User | undefined> {
  const value = identifier.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(sql`lower(${users.email})`, value), eq(sql`lower(${users.username})`, value)))
    .limit(1);
  return user;
}

/**
 * Step one of sign-in (and of an API call). An unknown identifier and a wrong password give the
 * same answer after the same argon2 work. Every attempt is counted before the password is
 * checked, in one upsert per key, so a burst of parallel guesses cannot slip past the limits:
 * per IP, per account per 15 minutes (unknown identifiers too, so a lockout reveals nothing),
 * and at most 100 consecutive failures per account. A web sign-in's success clears the account's
 * counts; `onSuccess: 'refund'` only gives its own attempt back (the API: an integration's
 * frequent successes must not erase an attacker's failures).
 */
export async function checkPassword(
  db: DbOrTx,
  input: { identifier: string; password: string; ip: string; now?: Date; onSuccess?: 'reset' | 'refund' },
): Promise<PasswordCheck> {
  const now = input.now ?? new Date();
  const perIp = await hitRateLimit(db, {
    key: `pw:ip:${input.ip}`,
    limit: PASSWORD_ATTEMPTS_PER_IP,
    windowMs: PASSWORD_WINDOW_MS,
    now,
  });
  if (!perIp.allowed) return { ok: false, reason: 'locked', retryAfterSeconds: perIp.retryAfterSeconds };

  const user = await findUserByIdentifier(db, input.identifier);
  const account = user?.id ?? input.identifier.trim().toLowerCase();
  const keys = [`pw:acct:${account}`, `pw:consecutive:${account}`];
  const windowed = await hitRateLimit(db, {
    key: keys[0],
    limit: PASSWORD_FAILURES_PER_ACCOUNT,
    windowMs: PASSWORD_WINDOW_MS,
    now,
  });
  const consecutive = await hitRateLimit(db, {
    key: keys[1],
    limit: CONSECUTIVE_FAILURES_LIMIT,
    windowMs: CONSECUTIVE_FAILURES_WINDOW_MS,
    now,
  });
  const blocked = [windowed, consecutive].filter((r) => !r.allowed);
  if (blocked.length > 0)
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.max(...blocked.map((r) => r.retryAfterSeconds)) };

  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!valid || !user || user.disabled) return { ok: false, reason: 'invalid' };
  for (const key of keys) await (input.onSuccess === 'refund' ? refundRateLimit(db, key) : resetRateLimit(db, key));
  return { ok: true, user };
}
