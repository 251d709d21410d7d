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

/**
 * Requests of one company waiting for an admin: both checks passed, not expired. One query,
 * however many there are. `companyId` must come from the admin's session.
 */
export async function listRecoveryRequests(
  db: DbOrTx,
  input: { companyId: string; now?: Date },
): Promise<PendingRecoveryRequest[]> {
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
  // 'awaiting_admin' is only ever set together with emailVerifiedAt (confirmRecoveryEmail).
  return rows.flatMap((row) => (row.emailVerifiedAt ? [{ ...row, emailVerifiedAt: row.emailVerifiedAt }] : []));
}
