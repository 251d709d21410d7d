import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { webauthnCredentials, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { revokeOtherSessions } from '../sessions/sessions';
import { confirmRecentOrPassword } from './confirm-recent';

/** A passkey or security key as the Security page and the admin's user page show it. */
export type PasskeySummary = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** A synced passkey (multiDevice) or one bound to a single device or key. */
  deviceType: string | null;
  backedUp: boolean;
};

/** A user's passkeys and security keys, oldest first. */
export async function listPasskeys(db: DbOrTx, userId: string): Promise<PasskeySummary[]> {
  return db
    .select({
      id: webauthnCredentials.id,
      name: webauthnCredentials.name,
      createdAt: webauthnCredentials.createdAt,
      lastUsedAt: webauthnCredentials.lastUsedAt,
      deviceType: webauthnCredentials.deviceType,
      backedUp: webauthnCredentials.backedUp,
    })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId))
    .orderBy(asc(webauthnCredentials.createdAt));
}

/** Whether the user holds any passkey or security key (for the policy). */
export async function hasPasskey(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: webauthnCredentials.id })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId))
    .limit(1);
  return Boolean(row);
}

/**
 * Removes one of the user's own passkeys, behind the password (or the re-authentication window).
 * The row is matched on its id and the user in one DELETE, so another account's key is "not
 * found". Audited, the other sessions ended and the user told.
 */
export async function removePasskey(
  db: Db,
  input: { user: User; sessionId: string; passkeyId: string; password?: string | null; ip?: string | null },
): Promise<Result> {
  const reauth = await confirmRecentOrPassword(db, input);
  if (!reauth.ok) return reauth;
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, input.passkeyId), eq(webauthnCredentials.userId, input.user.id)))
      .returning({ name: webauthnCredentials.name });
    if (!row) return null;
    await recordAudit(tx, {
      type: 'passkey.removed',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      detail: { name: row.name },
      ip: input.ip,
    });
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
    return row;
  });
  if (!removed) return fail('That passkey or security key was already removed.');
  await notifyUser(db, {
    user: input.user,
    subject: 'A passkey or security key was removed',
    paragraphs: [
      `“${removed.name}” can no longer be used to sign in to Latchkey. Your other sessions were signed out.`,
      'If this wasn’t you, reset your password and tell your administrator.',
    ],
  });
  return ok();
}
