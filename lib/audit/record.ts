import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditEvents } from '../db/schema';

export type AuditInput = {
  type: string;
  companyId: string | null;
  actorUserId?: string | null;
  targetUserId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/** Writes one security event. Call it inside the transaction of the change it records. */
export async function recordAudit(db: DbOrTx, event: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    type: event.type,
    companyId: event.companyId,
    actorUserId: event.actorUserId ?? null,
    targetUserId: event.targetUserId ?? null,
    detail: event.detail ?? {},
    ip: event.ip ?? null,
  });
}

/**
 * The same audit row as an INSERT … SELECT for a larger statement: it is written only when
 * `when` (a condition over that statement's CTEs) holds, so a check and its audit row commit
 * together in one round trip.
 */
export function auditRowSql(event: AuditInput, when: SQL): SQL {
  return sql`insert into ${auditEvents} (type, company_id, actor_user_id, target_user_id, detail, ip)
    select ${event.type}, ${event.companyId}::uuid, ${event.actorUserId ?? null}::uuid, ${event.targetUserId ?? null}::uuid,
      ${JSON.stringify(event.detail ?? {})}::jsonb, ${event.ip ?? null} where ${when}`;
}
