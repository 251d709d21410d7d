import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { LAST_ADMINISTRATOR, leavesNoKeeper, lockCompanyUsers } from '../roles/last-administrator';
import { fail, ok, type Result } from '../result';
import { isUserId } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { offboardingRefusal } from './offboarding-checks';

export type DeleteUserInput = {
  companyId: string;
  actorUserId: string;
  targetUserId: string;
  /** What the admin typed: the user's email, to prove they meant this user. */
  confirmation: string;
  ip?: string | null;
};

/** Who was deleted, for the admin's confirmation. */
export type DeletedUser = { name: string; email: string };

/** The confirmation's message, naming the address to type (the admin sees it on the user's page already). */
export const typeEmailToConfirm = (email: string) => `To delete this user, type their email, ${email}, exactly.`;

/**
 * Deletes a user of the admin's company for good, once the admin typed the user's email
 * (case-insensitively). In one transaction, after locking the company's users (so the last active
 * holder of company:write cannot be deleted, even by two admins at once): every audit event the user
 * acted in or was the subject of gets their email as its label, so Activity still says who when the
 * ids turn null; a user.deleted event is recorded (its target label set too); then the row goes and
 * the foreign keys cascade (sessions, sign-ins, factors, links, API keys) or set null (audit events,
 * "started by"/"invited by" references).
 */
export async function deleteUser(db: Db, input: DeleteUserInput): Promise<Result<DeletedUser>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const inCompany = and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId));
  const outcome = await db.transaction(async (tx) => {
    const locked = await lockCompanyUsers(tx, input.companyId);
    const target = locked.find((u) => u.id === input.targetUserId);
    if (!target) return USER_NOT_FOUND;
    const [user] = await tx.select().from(users).where(inCompany);
    const refused = offboardingRefusal(
      'delete',
      locked.find((u) => u.id === input.actorUserId),
      target,
    );
    if (refused) return refused;
    if (leavesNoKeeper(locked, new Map([[target.id, null]]))) return LAST_ADMINISTRATOR;
    if (input.confirmation.trim().toLowerCase() !== user.email.toLowerCase()) {
      const message = typeEmailToConfirm(user.email);
      return fail(message, { fieldErrors: { confirmation: message } });
    }
    await recordAudit(tx, {
      type: 'user.deleted',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: user.id,
      detail: { name: user.name },
      ip: input.ip,
    });
    // Labels first: the delete below turns these ids into nulls.
    await tx.update(auditEvents).set({ actorLabel: user.email }).where(eq(auditEvents.actorUserId, user.id));
    await tx.update(auditEvents).set({ targetLabel: user.email }).where(eq(auditEvents.targetUserId, user.id));
    await tx.delete(users).where(inCompany);
    return { name: user.name, email: user.email };
  });
  if (typeof outcome === 'string') return fail(outcome);
  if ('ok' in outcome) return outcome;
  return ok(outcome);
}
