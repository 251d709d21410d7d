import { and, eq, gt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, sessions, users, type Company, type Session, type User } from '../db/schema';
import { SESSION_LIFETIME_MS, USER_AGENT_MAX_LENGTH } from '../limits';

export type ActiveSession = { session: Session; user: User; company: Company };

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

/** The live session with its user and company; null if revoked or expired, or the user is disabled or an API account. */
export async function findActiveSession(
  db: DbOrTx,
  sessionId: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users, company: companies })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(
      and(
        eq(sessions.id, sessionId),
        gt(sessions.expiresAt, now),
        eq(users.disabled, false),
        eq(users.isApiAccount, false),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user except `keepSessionId` (after a security change). */
export async function revokeOtherSessions(db: DbOrTx, userId: string, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId),
    );
}
