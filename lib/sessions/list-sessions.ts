import { and, desc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { sessions, type Session } from '../db/schema';

/** A user's live sessions, newest first. */
export async function listActiveSessions(db: DbOrTx, userId: string, now = new Date()): Promise<Session[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
}
