import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { parseAllowList } from '../net/cidr';
import { fail, ok, type Result } from '../result';
import { findManagedUser, MANAGE_NEEDS, type ManagedUserInput } from './managed-user';

/**
 * Sets the addresses an API Account may call from, as the admin typed them (one range per line,
 * or separated by commas or spaces). Every bad entry is named; an empty list means any address
 * and is stored as null. `changed` is false when the list was already this one (nothing audited).
 */
export async function setApiAllowList(
  db: Db,
  input: ManagedUserInput & { allowList: string; ip?: string | null },
): Promise<Result<{ ranges: string[]; changed: boolean }>> {
  const parsed = parseAllowList(input.allowList);
  if (!parsed.ok) return fail(parsed.error, { fieldErrors: { allowList: parsed.error } });
  const ranges = parsed.data;
  return db.transaction(async (tx) => {
    const target = await findManagedUser(tx, input, { need: MANAGE_NEEDS, apiAccount: true, lock: true });
    if (!target.ok) return target;
    const from = target.data.apiAllowedIps ?? [];
    if (from.length === ranges.length && from.every((r, i) => r === ranges[i])) return ok({ ranges, changed: false });
    await tx
      .update(users)
      .set({ apiAllowedIps: ranges.length > 0 ? ranges : null })
      .where(eq(users.id, target.data.id));
    await recordAudit(tx, {
      type: 'api_account.allow_list_set',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: target.data.id,
      detail: { from, to: ranges },
      ip: input.ip,
    });
    return ok({ ranges, changed: true });
  });
}
