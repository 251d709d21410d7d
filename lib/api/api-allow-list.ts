import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { User } from '../db/schema';
import { auditRowSql } from '../audit/record';
import { addressAllowed, plainAddress } from '../net/cidr';
import { countAttemptsSql } from '../rate-limit/hit';
import { API_REFUSED_ADDRESS_AUDIT_INTERVAL_MS } from '../limits';
import { refuse, type ApiPrincipal, type ApiRefusal } from './api-principal';
import { apiLimitKeys } from './api-rate-limit';

/** When this process last audited a refused address per account: a flood costs no database write. */
const lastAudited = new Map<string, number>();

/**
 * The account's IP allow-list, checked after its credentials were verified (so the answer does
 * not help anyone guess them). A call from outside is refused with 403, and audited as
 * `api.refused_address` at most once a minute per account: this process skips the write within
 * the interval, and one statement counts the refusal and writes the row only for the first one
 * of the interval across all instances.
 */
export async function refuseOutsideAllowList(
  db: DbOrTx,
  input: { principal: ApiPrincipal; ip: string; now: Date },
): Promise<ApiRefusal | null> {
  const { user, via, keyId } = input.principal;
  const ranges = user.apiAllowedIps ?? [];
  if (ranges.length === 0 || addressAllowed(input.ip, ranges)) return null;
  await auditRefusedAddress(db, { user, ip: input.ip, via, keyId, now: input.now });
  return refuse(
    403,
    `This API Account may not call from ${plainAddress(input.ip)}: the address is not in its IP allow-list. Ask an admin to add it.`,
  );
}

async function auditRefusedAddress(
  db: DbOrTx,
  input: { user: User; ip: string; via: string; keyId: string | null; now: Date },
): Promise<void> {
  const at = input.now.getTime();
  if (at - (lastAudited.get(input.user.id) ?? -Infinity) < API_REFUSED_ADDRESS_AUDIT_INTERVAL_MS) return;
  if (lastAudited.size >= 10_000) lastAudited.clear(); // a bound, not a policy: the table still limits
  lastAudited.set(input.user.id, at);
  const claim = apiLimitKeys.refusedAddressAudit(input.user.id);
  const event = {
    type: 'api.refused_address',
    companyId: input.user.companyId,
    actorUserId: input.user.id,
    targetUserId: input.user.id,
    ip: input.ip,
    detail: { address: plainAddress(input.ip), via: input.via, keyId: input.keyId },
  };
  await db.execute(sql`with counted as (${countAttemptsSql([claim], input.now)})
    ${auditRowSql(event, sql`exists (select 1 from counted where count = 1)`)}`);
}
