import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { ok, type Result } from '../result';
import { generateApiPassword } from './generate-api-password';
import { findManagedUser, MANAGE_NEEDS, type ManagedUserInput } from './managed-user';
import { notifyApiChange } from './notify-api-change';

/**
 * Gives an API Account a new generated password, returned once. The old one stops working on the
 * next call, on every instance: the API checks against the stored hash, which this replaces.
 * API keys are not touched (revoke them one by one).
 */
export async function rotateApiPassword(
  db: Db,
  input: ManagedUserInput & { ip?: string | null },
): Promise<Result<{ password: string }>> {
  const found = await findManagedUser(db, input, { need: MANAGE_NEEDS, apiAccount: true });
  if (!found.ok) return found;
  const password = generateApiPassword();
  const passwordHash = await hashPassword(password);
  const outcome = await db.transaction(async (tx) => {
    // Checked again under the row's lock: the flag may have changed while the hash was computed.
    const target = await findManagedUser(tx, input, { need: MANAGE_NEEDS, apiAccount: true, lock: true });
    if (!target.ok) return target;
    const [after] = await tx.update(users).set({ passwordHash }).where(eq(users.id, target.data.id)).returning();
    await recordAudit(tx, {
      type: 'api_account.password_rotated',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: after.id,
      ip: input.ip,
    });
    return ok(after);
  });
  if (!outcome.ok) return outcome;
  const user = outcome.data;
  await notifyApiChange(db, {
    actorUserId: input.actorUserId,
    user,
    admins: {
      subject: `The password of API Account ${user.name} was rotated`,
      text: (actor) =>
        `${actor} gave the API Account ${user.name} (${user.email}) a new password. The old one no longer works: integrations that use it must be given the new one.`,
    },
    owner: {
      subject: 'Your API Account has a new password',
      text: 'An administrator of your company gave this API Account a new password. The old one no longer works.',
    },
  });
  return ok({ password });
}
