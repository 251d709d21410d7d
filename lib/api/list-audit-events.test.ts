import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { recordAudit } from '../audit/record';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { listAuditEventsPage } from './list-audit-events';
import { listAuditEventsQuery } from './schemas';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

async function page(companyId: string, raw: Record<string, string> = {}) {
  const result = await listAuditEventsPage(db, { companyId, query: listAuditEventsQuery.parse(raw) });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

describe('GET /api/v1/audit-events', () => {
  it('pages newest first by id, never repeating an event while new ones are written', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    for (let i = 0; i < 5; i++)
      await recordAudit(db, {
        type: 'user.updated',
        companyId: admin.companyId,
        actorUserId: admin.id,
        targetUserId: member.id,
        detail: { changed: ['name'] },
      });
    const start = (await page(admin.companyId, { limit: '100' })).events.map((e) => e.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const next = await page(admin.companyId, { limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...next.events.map((e) => e.id));
      cursor = next.nextCursor;
      await recordAudit(db, { type: 'user.reinvited', companyId: admin.companyId, actorUserId: admin.id });
    } while (cursor);
    expect(seen).toEqual(start);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('each event says who, to whom and what, in the Activity page’s words', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    await recordAudit(db, {
      type: 'user.updated',
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: member.id,
      detail: { changed: ['name'] },
      ip: '::ffff:10.1.2.3',
    });
    const [event] = (await page(admin.companyId, { type: 'user.updated' })).events;
    expect(event).toMatchObject({
      type: 'user.updated',
      actor: { id: admin.id, label: admin.email },
      target: { id: member.id, label: member.email },
      summary: 'Edited a user: Changed the name',
      ip: '::ffff:10.1.2.3',
    });
    // A deleted user's label stays.
    await db
      .update(auditEvents)
      .set({ targetUserId: null, targetLabel: 'gone@example.com' })
      .where(eq(auditEvents.id, event.id));
    const [after] = (await page(admin.companyId, { type: 'user.updated' })).events;
    expect(after.target).toEqual({ id: null, label: 'gone@example.com' });
  });

  it('filters by time and type, and shows only the caller’s company', async () => {
    const a = await seedAdmin(db);
    const b = await seedAdmin(db);
    await recordAudit(db, { type: 'user.reinvited', companyId: b.companyId, actorUserId: b.id });
    const all = (await page(a.companyId)).events;
    expect(all.map((e) => e.type)).toEqual(['account.created']);
    const created = Date.parse(all[0].createdAt);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await page(a.companyId, { from: iso(created) })).events).toHaveLength(1);
    expect((await page(a.companyId, { from: iso(created + 1) })).events).toHaveLength(0);
    expect((await page(a.companyId, { to: iso(created) })).events).toHaveLength(0);
    expect((await page(a.companyId, { to: iso(created + 1) })).events).toHaveLength(1);
    expect((await page(a.companyId, { type: 'user.reinvited' })).events).toHaveLength(0);
    expect(listAuditEventsQuery.safeParse({ from: iso(created + 1), to: iso(created) }).success).toBe(false);
    expect(listAuditEventsQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
  });
});
