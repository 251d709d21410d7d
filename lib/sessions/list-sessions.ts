import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, sessions, users, type Session } from '../db/schema';
import { liveSession } from './sessions';

/** A user's live sessions (by the same rule that admits a request), newest first. */
export async function listActiveSessions(db: DbOrTx, userId: string, now = new Date()): Promise<Session[]> {
  const rows = await db
    .select({ session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(sessions.userId, userId), liveSession(now)))
    .orderBy(desc(sessions.createdAt));
  return rows.map((r) => r.session);
}
