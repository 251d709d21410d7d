import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { ok, type Result } from '../result';
import { findManagedUser, MARK_NEEDS, type ManagedUserInput } from './managed-user';
import { notifyApiChange } from './notify-api-change';

/**
 * Turns an API Account back into a regular user: the API no longer lets it in (neither its
 * password nor any key: every key is revoked in the same transaction) and it signs in to the web
 * app with its password and, where it applies, a second factor. It had no sessions to end. Its
 * allow-list goes too: it only ever limited API calls.
 */
export async function unmarkApiAccount(
  db: Db,
  input: ManagedUserInput & { ip?: string | null; now?: Date },
): Promise<Result<{ keysRevoked: number }>> {
  const now = input.now ?? new Date();
  const outcome = await db.transaction(async (tx) => {
    const target = await findManagedUser(tx, input, { need: MARK_NEEDS, apiAccount: true, lock: true });
    if (!target.ok) return target;
    const [after] = await tx
      .update(users)
      .set({ isApiAccount: false, apiAllowedIps: null })
      .where(eq(users.id, target.data.id))
      .returning();
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.userId, after.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    await recordAudit(tx, {
      type: 'api_account.unmarked',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: after.id,
      detail: { keysRevoked: revoked.length },
      ip: input.ip,
    });
    return ok({ user: after, keysRevoked: revoked.length });
  });
  if (!outcome.ok) return outcome;
  const { user } = outcome.data;
  await notifyApiChange(db, {
    actorUserId: input.actorUserId,
    user,
    admins: {
      subject: `${user.name} is no longer an API Account`,
      text: (actor) =>
        `${actor} turned ${user.name} (${user.email}) back into a regular user: the API no longer accepts its password or keys, and it can sign in to the web app.`,
    },
    owner: {
      subject: 'Your account is no longer an API Account',
      text: 'An administrator of your company turned your Latchkey account back into a regular user. The HTTP API no longer accepts its password or API keys; you can sign in to the web app with the password.',
    },
  });
  return ok({ keysRevoked: outcome.data.keysRevoked });
}
