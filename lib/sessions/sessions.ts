import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  companies,
  loginChallenges,
  roles,
  trustedBrowsers,
  sessions,
  users,
  type Company,
  type Role,
  type Session,
  type User,
} from '../db/schema';
import { MINUTE_MS, SESSION_LIFETIME_MS, SESSION_TOUCH_INTERVAL_MS, USER_AGENT_MAX_LENGTH } from '../limits';

/** `role` is read with the session on every request: a role change applies to the next one. */
export type ActiveSession = { session: Session; user: User; company: Company; role: Role };

type NewSession = { userId: string; secondFactor: boolean; userAgent?: string | null; ip?: string | null; now?: Date };

/** What a new session row holds: one definition for createSession and the sign-in's redeem statement. */
export function newSessionValues(input: NewSession) {
  const now = input.now ?? new Date();
  return {
    userId: input.userId,
    secondFactorAt: input.secondFactor ? now : null,
    userAgent: input.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
    ip: input.ip ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  };
}

/** Creates the server-side row behind an Auth.js JWT; revoking the row ends the session. */
export async function createSession(db: DbOrTx, input: NewSession): Promise<Session> {
  const values = newSessionValues(input);
  const [session] = await db.insert(sessions).values(values).returning();
  await db.update(users).set({ lastSignInAt: values.createdAt }).where(eq(users.id, input.userId));
  return session;
}

/**
 * A session is live while it is unexpired, used within its company's idle time and younger than
 * its company's lifetime (both read now, so a shorter setting applies to sessions already open).
 */
export function liveSession(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return and(
    gt(sessions.expiresAt, at),
    gt(sessions.lastSeenAt, sql`${at} - make_interval(mins => ${companies.sessionIdleMinutes})`),
    gt(sessions.createdAt, sql`${at} - make_interval(hours => ${companies.sessionLifetimeHours})`),
  );
}

/**
 * The live session with its user and company; null if revoked, idle too long or too old, or the
 * user is disabled or an API account. Its last-seen time is kept current, once a minute at most.
 */
export async function findActiveSession(
  db: DbOrTx,
  sessionId: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users, company: companies, role: roles })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(sessions.id, sessionId), liveSession(now), eq(users.disabled, false), eq(users.isApiAccount, false)))
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    // Conditional, so a burst of requests in the same minute writes once.
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(
        and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS))),
      );
  }
  return row;
}

export type SessionEnd = 'idle' | 'expired' | 'ended';

/** Why a session id no longer works, for the sentence on the sign-in page. */
export async function whySessionEnded(db: DbOrTx, sessionId: string, now = new Date()): Promise<SessionEnd> {
  const [row] = await db
    .select({ session: sessions, company: companies })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(sessions.id, sessionId));
  if (!row) return 'ended';
  const idleSince = now.getTime() - row.session.lastSeenAt.getTime();
  if (idleSince >= row.company.sessionIdleMinutes * MINUTE_MS) return 'idle';
  return 'expired';
}

export async function revokeSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * After a security change (password, second factor, API flag…): ends every session of the user
 * except `keepSessionId`, voids every sign-in of theirs still in progress, so someone who
 * stopped at the code step with the old password cannot finish, and forgets every browser they
 * trusted, so the next sign-in asks the second factor again. Call it in the change's
 * transaction: the change and the sign-outs commit together.
 */
export async function revokeOtherSessions(db: DbOrTx, userId: string, keepSessionId?: string): Promise<void> {
  const others = keepSessionId ? sql`and id <> ${keepSessionId}` : sql``;
  await db.execute(sql`
    with challenges as (delete from ${loginChallenges} where user_id = ${userId}),
      trusted as (delete from ${trustedBrowsers} where user_id = ${userId})
    delete from ${sessions} where user_id = ${userId} ${others}
  `);
}
