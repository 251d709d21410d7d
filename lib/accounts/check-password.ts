import { eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users, type User } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { hitRateLimit, resetRateLimit } from '../rate-limit/hit';
import { rateLimits } from '../db/schema';
import { PASSWORD_ATTEMPTS_PER_IP, PASSWORD_FAILURES_PER_ACCOUNT, PASSWORD_WINDOW_MS } from '../limits';

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
 * Step one of sign-in. An unknown identifier and a wrong password give the same answer after the
 * same argon2 work. Failures are counted per account (or per unknown identifier, so a lockout
 * reveals nothing) and attempts per IP, in Postgres so every app instance shares them.
 */
export async function checkPassword(
  db: DbOrTx,
  input: { identifier: string; password: string; ip: string; now?: Date },
): Promise<PasswordCheck> {
  const now = input.now ?? new Date();
  const perIp = await hitRateLimit(db, { key: `pw:ip:${input.ip}`, limit: PASSWORD_ATTEMPTS_PER_IP, windowMs: PASSWORD_WINDOW_MS, now });
  if (!perIp.allowed) return { ok: false, reason: 'locked', retryAfterSeconds: perIp.retryAfterSeconds };

  const user = await findUserByIdentifier(db, input.identifier);
  const accountKey = `pw:acct:${user?.id ?? input.identifier.trim().toLowerCase()}`;
  const [failures] = await db.select().from(rateLimits).where(eq(rateLimits.key, accountKey));
  if (failures && failures.windowEndsAt > now && failures.count >= PASSWORD_FAILURES_PER_ACCOUNT) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((failures.windowEndsAt.getTime() - now.getTime()) / 1000) };
  }

  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!valid || !user || user.disabled) {
    await hitRateLimit(db, { key: accountKey, limit: PASSWORD_FAILURES_PER_ACCOUNT, windowMs: PASSWORD_WINDOW_MS, now });
    return { ok: false, reason: 'invalid' };
  }
  await resetRateLimit(db, accountKey);
  return { ok: true, user };
}
