import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { recoveryRequests, users } from '../db/schema';

export type PendingRecoveryRequest = {
  id: string;
  user: { id: string; name: string; email: string };
  answerVerifiedAt: Date;
  emailVerifiedAt: Date;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
};

/** A request waiting for an admin; `emailVerifiedAt` is null when the link was skipped (see startRecovery). */
export type WaitingRecoveryRequest = Omit<PendingRecoveryRequest, 'emailVerifiedAt'> & { emailVerifiedAt: Date | null };

/**
 * Requests of one company waiting for an admin that passed both checks (security answer and
 * email link), not expired. Requests that skipped the link are left out: see
 * listWaitingRecoveryRequests, which the admin page should use to show them too.
 */
export async function listRecoveryRequests(
  db: DbOrTx,
  input: { companyId: string; now?: Date },
): Promise<PendingRecoveryRequest[]> {
  const rows = await listWaitingRecoveryRequests(db, input);
  return rows.flatMap((row) => (row.emailVerifiedAt ? [{ ...row, emailVerifiedAt: row.emailVerifiedAt }] : []));
}

/**
 * Every request of one company waiting for an admin, not expired: those whose emailed link was
 * confirmed, and those of users whose sign-in codes go to the inbox they lost (no link asked).
 * One query, however many there are. `companyId` must come from the admin's session.
 */
export async function listWaitingRecoveryRequests(
  db: DbOrTx,
  input: { companyId: string; now?: Date },
): Promise<WaitingRecoveryRequest[]> {
  const now = input.now ?? new Date();
  const rows = await db
    .select({
      id: recoveryRequests.id,
      user: { id: users.id, name: users.name, email: users.email },
      answerVerifiedAt: recoveryRequests.answerVerifiedAt,
      emailVerifiedAt: recoveryRequests.emailVerifiedAt,
      createdAt: recoveryRequests.createdAt,
      expiresAt: recoveryRequests.expiresAt,
      ip: recoveryRequests.ip,
    })
    .from(recoveryRequests)
    .innerJoin(users, and(eq(users.id, recoveryRequests.userId), eq(users.companyId, recoveryRequests.companyId)))
    .where(
      and(
        eq(recoveryRequests.companyId, input.companyId),
        eq(recoveryRequests.status, 'awaiting_admin'),
        gt(recoveryRequests.expiresAt, now),
      ),
    )
    .orderBy(asc(recoveryRequests.createdAt));
  return rows;
}
