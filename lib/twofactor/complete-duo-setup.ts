import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { duoEnrollments, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { revokeOtherSessions } from '../sessions/sessions';
import { DUO_SETUP_USER_NOT_FOUND, type DuoSetupScope } from './duo-setup-target';

type Input = DuoSetupScope & {
  actorUserId: string;
  sessionId?: string | null;
  ip?: string | null;
  /** Why Duo now works for the user: their phone was activated, or Duo already knew them. */
  how: 'activated' | 'known to Duo';
  /** With an activation: the enrolment that finished, consumed here exactly once. */
  duoUserId?: string;
};

/**
 * Duo becomes the user's preferred method: in one transaction the user's row (company-scoped), the
 * finished enrolment (deleted, so two status checks cannot both complete it), the user's other
 * sessions (ended, as for every change of method) and the audit row. The user is emailed after.
 * `changed` is false when another request had completed this enrolment already.
 */
export async function completeDuoSetup(db: Db, input: Input): Promise<Result<{ changed: boolean; emailed: boolean }>> {
  const self = input.actorUserId === input.userId;
  const outcome = await db.transaction(async (tx) => {
    if (input.duoUserId) {
      const [finished] = await tx
        .delete(duoEnrollments)
        .where(and(eq(duoEnrollments.userId, input.userId), eq(duoEnrollments.duoUserId, input.duoUserId)))
        .returning({ userId: duoEnrollments.userId });
      if (!finished) return 'already';
    }
    const [user] = await tx
      .update(users)
      .set({ preferredMethod: 'duo' })
      .where(and(eq(users.id, input.userId), eq(users.companyId, input.companyId)))
      .returning();
    if (!user) return null;
    await tx.delete(duoEnrollments).where(eq(duoEnrollments.userId, input.userId));
    // The user's own Duo Setup keeps the session it runs in; an admin's ends every session of the user.
    await revokeOtherSessions(tx, user.id, self ? (input.sessionId ?? undefined) : undefined);
    await recordAudit(tx, {
      type: '2fa.duo_setup_completed',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: user.id,
      detail: { how: input.how, ...(input.duoUserId ? { duoUserId: input.duoUserId } : {}) },
      ip: input.ip,
    });
    return user;
  });
  if (outcome === 'already') return ok({ changed: false, emailed: false });
  if (!outcome) return fail(DUO_SETUP_USER_NOT_FOUND);
  const emailed = await notifyUser(db, {
    user: outcome,
    subject: 'Duo is now your sign-in method',
    paragraphs: [
      `${self ? 'You' : 'Your administrator'} finished Duo Setup: Latchkey will ask for Duo first when you sign in. ` +
        'Your other sessions were signed out.',
    ],
  });
  return ok({ changed: true, emailed });
}
