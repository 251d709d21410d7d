import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { listActiveSessions } from './list-sessions';
import { revokeOtherSessions } from './sessions';

/**
 * Ends one of the user's own sessions, or all but the current one. The user id is part of the
 * query, so a session id of someone else matches nothing.
 */
export async function endSessions(
  db: Db,
  input: { user: User; currentSessionId: string; sessionId?: string; ip?: string | null },
): Promise<number> {
  return db.transaction(async (tx) => {
    let ended: number;
    if (input.sessionId) {
      const rows = await tx
        .delete(sessions)
        .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.user.id)))
        .returning({ id: sessions.id });
      ended = rows.length;
    } else {
      const before = await listActiveSessions(tx, input.user.id);
      await revokeOtherSessions(tx, input.user.id, input.currentSessionId);
      ended = before.filter((s) => s.id !== input.currentSessionId).length;
    }
    if (ended > 0) {
      await recordAudit(tx, {
        type: 'session.ended_by_user',
        companyId: input.user.companyId,
        actorUserId: input.user.id,
        targetUserId: input.user.id,
        detail: { count: ended },
        ip: input.ip,
      });
    }
    return ended;
  });
}
