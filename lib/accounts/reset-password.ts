import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { passwordResets, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { hashToken } from '../crypto/tokens';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';
import { fail, ok, type Result } from '../result';
import { checkNewPassword, newPasswordLimit } from './check-new-password';

const INVALID_LINK = 'This link has expired or was already used. Ask for a new one.';

/** The account a live reset link belongs to, unless it was deactivated (reading changes nothing). */
export async function findPasswordReset(db: DbOrTx, token: string, now = new Date()): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
        eq(users.disabled, false),
      ),
    );
  return row?.user ?? null;
}

/**
 * Sets a new password through a reset link: the link is consumed by one conditional UPDATE in the
 * same transaction as the new hash, every session ends and the change is audited.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; newPassword: string; now?: Date },
): Promise<Result> {
  const now = input.now ?? new Date();
  const user = await findPasswordReset(db, input.token, now);
  if (!user) return fail(INVALID_LINK);
  const check = await checkNewPassword(db, {
    password: input.newPassword,
    userInputs: [user.email, user.name, user.username ?? ''],
    countAgainst: [newPasswordLimit(user.id)],
    now,
  });
  if (!check.ok)
    return fail(check.error, { fieldErrors: { password: check.error }, retryAfterSeconds: check.retryAfterSeconds });
  const passwordHash = await hashPassword(input.newPassword);
  const done = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
          // Deactivation voids the user's links; a deactivated user's link never works, whatever its dates.
          sql`exists (select 1 from ${users} where ${users.id} = ${passwordResets.userId} and not ${users.disabled})`,
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!used) return false;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
    await revokeOtherSessions(tx, used.userId);
    await recordAudit(tx, {
      type: 'password.reset',
      companyId: user.companyId,
      actorUserId: user.id,
      targetUserId: user.id,
    });
    return true;
  });
  if (!done) return fail(INVALID_LINK);
  await notifyUser(db, {
    user,
    subject: 'Your password was reset',
    paragraphs: [
      'The password of your Latchkey account was reset with a link sent to this address. You were signed out everywhere.',
    ],
  });
  return ok();
}
