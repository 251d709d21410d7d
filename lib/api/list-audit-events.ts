import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditEvents, users } from '../db/schema';
import { describeEvent } from '../audit/describe-event';
import { fail, ok, type Result } from '../result';
import { BAD_CURSOR, decodeCursor, encodeCursor } from './cursor';
import type { z } from 'zod';
import type { auditEventSchema, listAuditEventsQuery } from './schemas';

type ApiAuditEvent = z.infer<typeof auditEventSchema>;
const isEventId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/**
 * One page of GET /api/v1/audit-events: the company's events, newest first by id (ids only grow, so
 * events written while a client pages never shift a page), filtered by time and type, each with who
 * did it and to whom (their email, or the label kept when that user was deleted) and the sentence
 * the Activity page reads (describeEvent). One query; one row more than the page says whether
 * another page follows.
 */
export async function listAuditEventsPage(
  db: DbOrTx,
  input: { companyId: string; query: z.infer<typeof listAuditEventsQuery> },
): Promise<Result<{ events: ApiAuditEvent[]; nextCursor: string | null }>> {
  const { query } = input;
  let before: SQL | undefined;
  if (query.cursor) {
    const key = decodeCursor<[number]>(query.cursor, [isEventId]);
    if (!key) return fail(BAD_CURSOR, { fieldErrors: { cursor: BAD_CURSOR } });
    before = lt(auditEvents.id, key[0]);
  }
  const actor = alias(users, 'actor');
  const target = alias(users, 'target');
  const rows = await db
    .select({
      id: auditEvents.id,
      type: auditEvents.type,
      createdAt: auditEvents.createdAt,
      ip: auditEvents.ip,
      detail: auditEvents.detail,
      actorId: auditEvents.actorUserId,
      actor: sql<string | null>`coalesce(${actor.email}, ${auditEvents.actorLabel})`,
      targetId: auditEvents.targetUserId,
      target: sql<string | null>`coalesce(${target.email}, ${auditEvents.targetLabel})`,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(target, eq(target.id, auditEvents.targetUserId))
    .where(
      and(
        eq(auditEvents.companyId, input.companyId),
        before,
        query.from ? gte(auditEvents.createdAt, new Date(query.from)) : undefined,
        query.to ? lt(auditEvents.createdAt, new Date(query.to)) : undefined,
        query.type ? eq(auditEvents.type, query.type) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit).map((row): ApiAuditEvent => {
    const words = describeEvent(row);
    return {
      id: row.id,
      type: row.type,
      createdAt: row.createdAt.toISOString(),
      actor: { id: row.actorId, label: words.by },
      target: row.targetId || row.target ? { id: row.targetId, label: row.target ?? '—' } : null,
      detail: row.detail,
      ip: row.ip,
      summary: words.detail ? `${words.what}: ${words.detail}` : words.what,
    };
  });
  const last = page.at(-1);
  return ok({ events: page, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null });
}
