import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { sessions, type Session } from '../db/schema';
import { REAUTH_WINDOW_MS } from '../limits';

/**
 * "Sudo mode": true while this session confirmed its user within REAUTH_WINDOW_MS, by the
 * confirm page (password or a second factor) or by the sign-in that created it, when that sign-in
 * passed a second factor (it proved more than the confirm page asks, as recently). The stamp lives
 * on the session row, so another session of the same user is never covered by it.
 */
export function reauthenticatedRecently(
  session: Pick<Session, 'reauthenticatedAt' | 'secondFactorAt'>,
  now = new Date(),
): boolean {
  const since = now.getTime() - REAUTH_WINDOW_MS;
  return [session.reauthenticatedAt, session.secondFactorAt].some((at) => at !== null && at.getTime() > since);
}

/** Records that this session (and only this one) just confirmed its user. False if the row is gone. */
export async function stampReauthentication(
  db: DbOrTx,
  input: { sessionId: string; userId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ reauthenticatedAt: input.now })
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/** The session's confirmation times as stored now (a guard's cached row may predate a confirmation). */
export async function readReauthentication(
  db: DbOrTx,
  sessionId: string,
): Promise<Pick<Session, 'reauthenticatedAt' | 'secondFactorAt'> | null> {
  const [row] = await db
    .select({ reauthenticatedAt: sessions.reauthenticatedAt, secondFactorAt: sessions.secondFactorAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row ?? null;
}
