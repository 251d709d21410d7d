import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { DUO_INPUT_MAX_LENGTH } from '../limits';
import { fail, ok, type Result } from '../result';
import { checkDuoSetup, type DuoSetupStatus } from '../twofactor/check-duo-setup';
import { startDuoSetup, type DuoSetupStarted } from '../twofactor/start-duo-setup';
import { isUserId } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';

type AdminInput = { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null };

/** Guards every admin Duo step: a user id of the right shape, never the admin's own account. */
function refuse(input: AdminInput): Result<never> | null {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  return null;
}

const scopeOf = (input: AdminInput) => ({
  companyId: input.companyId,
  userId: input.targetUserId,
  actorUserId: input.actorUserId,
  ip: input.ip,
});

/**
 * Duo Setup for a user of the admin's company, with the user beside them (the same lib function as
 * the user's own: the company scope is in its query). Callers require sudo mode (requireRecentReauth).
 */
export async function startUserDuoSetup(db: Db, input: AdminInput): Promise<Result<DuoSetupStarted>> {
  const refused = refuse(input);
  if (refused) return refused;
  const started = await startDuoSetup(db, scopeOf(input));
  return !started.ok && started.error === 'That user was not found.' ? fail(USER_NOT_FOUND) : started;
}

/** The admin's poll of that user's enrolment (their company's users only). */
export async function checkUserDuoSetup(db: Db, input: AdminInput): Promise<Result<{ status: DuoSetupStatus }>> {
  return refuse(input) ?? checkDuoSetup(db, scopeOf(input));
}

/**
 * The name Duo knows the user by, when it is not their Latchkey email (empty: the email again).
 * Company-scoped in the UPDATE itself; audited with the old and new names.
 */
export async function setUserDuoUsername(db: Db, input: AdminInput & { duoUsername: string }): Promise<Result> {
  const refused = refuse(input);
  if (refused) return refused;
  const name = input.duoUsername.trim();
  if (name.length > DUO_INPUT_MAX_LENGTH || /[\s\u0000-\u001f]/.test(name))
    return fail('A Duo username has no spaces and is at most 200 characters.', {
      fieldErrors: { duoUsername: 'A Duo username has no spaces and is at most 200 characters.' },
    });
  const done = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ duoUsername: users.duoUsername })
      .from(users)
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId)))
      .for('update');
    if (!before) return false;
    await tx
      .update(users)
      .set({ duoUsername: name || null })
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId)));
    await recordAudit(tx, {
      type: 'user.duo_username_set',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: input.targetUserId,
      detail: { from: before.duoUsername, to: name || null },
      ip: input.ip,
    });
    return true;
  });
  return done ? ok() : fail(USER_NOT_FOUND);
}
