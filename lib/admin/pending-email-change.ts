import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { emailChanges, type EmailChange } from '../db/schema';
import { recordAudit } from '../audit/record';
import { fail, ok, type Result } from '../result';
import { findCompanyUser } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { voidEmailChanges } from './request-email-change';

/** The change of this user's email still waiting for its link, if any (for the admin's page). */
export async function findPendingEmailChange(
  db: DbOrTx,
  userId: string,
  now = new Date(),
): Promise<Pick<EmailChange, 'newEmail' | 'expiresAt'> | null> {
  const [row] = await db
    .select({ newEmail: emailChanges.newEmail, expiresAt: emailChanges.expiresAt })
    .from(emailChanges)
    .where(and(eq(emailChanges.userId, userId), isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, now)))
    .orderBy(desc(emailChanges.createdAt))
    .limit(1);
  return row ?? null;
}

/** Withdraws the pending change of the email of a user of the admin's company: its link stops working. */
export async function cancelEmailChange(
  db: Db,
  input: { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null; now?: Date },
): Promise<Result> {
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const target = await findCompanyUser(db, { companyId: input.companyId, userId: input.targetUserId });
  if (!target) return fail(USER_NOT_FOUND);
  await db.transaction(async (tx) => {
    await voidEmailChanges(tx, target.user.id, input.now ?? new Date());
    await recordAudit(tx, {
      type: 'user.email_change_cancelled',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: target.user.id,
      ip: input.ip,
    });
  });
  return ok();
}
