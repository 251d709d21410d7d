import { alias } from 'drizzle-orm/pg-core';
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditEvents, users } from '../db/schema';
import { ACTIVITY_PAGE_SIZE } from '../limits';

export type ActivityRow = {
  id: number;
  type: string;
  createdAt: Date;
  ip: string | null;
  actor: string | null;
  target: string | null;
  /** The actor's and target's email, kept when that user was deleted (actor/target are then null). */
  actorLabel: string | null;
  targetLabel: string | null;
  detail: Record<string, unknown>;
};

/**
 * The newest security events of one company, with who did it and to whom, in one query; a deleted
 * user is named by the label their events kept (describeEvent reads it).
 */
export async function listCompanyEvents(db: DbOrTx, companyId: string): Promise<ActivityRow[]> {
  const actor = alias(users, 'actor');
  const target = alias(users, 'target');
  return db
    .select({
      id: auditEvents.id,
      type: auditEvents.type,
      createdAt: auditEvents.createdAt,
      ip: auditEvents.ip,
      actor: actor.email,
      target: target.email,
      actorLabel: auditEvents.actorLabel,
      targetLabel: auditEvents.targetLabel,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(target, eq(target.id, auditEvents.targetUserId))
    .where(eq(auditEvents.companyId, companyId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(ACTIVITY_PAGE_SIZE);
}
