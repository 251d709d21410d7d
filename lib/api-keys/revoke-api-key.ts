import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { isUserId } from '../admin/find-company-user';
import { permissionsOf } from '../roles/assignable-role';
import { hasPermission } from '../roles/permissions';
import { fail, ok, type Result } from '../result';

/** The one answer for an unknown key and another company's key: they must look the same. */
export const API_KEY_NOT_FOUND = 'No such API key in your company.';

/**
 * Revokes a key of an API Account of the admin's company: the API refuses it from the next call
 * on. Any admin who manages API Accounts may revoke any key of the company (a leaked key must die
 * fast), whatever the account's role. Revoking a revoked key changes nothing and succeeds
 * (`alreadyRevoked`), so a double click or two admins at once are not errors.
 */
export async function revokeApiKey(
  db: Db,
  input: { companyId: string; actorUserId: string; keyId: string; ip?: string | null; now?: Date },
): Promise<Result<{ alreadyRevoked: boolean; userId: string }>> {
  if (!isUserId(input.keyId)) return fail(API_KEY_NOT_FOUND);
  if (!hasPermission(await permissionsOf(db, input.actorUserId), 'api-keys:manage'))
    return fail('Your role does not allow this. It needs: Manage API Accounts.');
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ key: apiKeys })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(and(eq(apiKeys.id, input.keyId), eq(users.companyId, input.companyId)));
    if (!found) return fail(API_KEY_NOT_FOUND);
    const { key } = found;
    // One conditional UPDATE: of two revocations at once, one writes (and audits), the other sees it done.
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (!revoked) return ok({ alreadyRevoked: true, userId: key.userId });
    await recordAudit(tx, {
      type: 'api_key.revoked',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: key.userId,
      detail: { keyId: key.id, name: key.name, prefix: key.prefix },
      ip: input.ip,
    });
    return ok({ alreadyRevoked: false, userId: key.userId });
  });
}
