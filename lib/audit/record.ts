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
