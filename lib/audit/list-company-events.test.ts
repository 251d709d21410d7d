import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { listCompanyEvents } from './list-company-events';
import { recordAudit } from './record';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('listCompanyEvents', () => {
  it('shows one company’s events, newest first, and nothing of another company', async () => {
    const a = await seedAdmin(db);
    const b = await seedAdmin(db);
    await recordAudit(db, { type: '2fa.enabled', companyId: a.companyId, actorUserId: a.id, targetUserId: a.id });
    await recordAudit(db, { type: '2fa.disabled', companyId: b.companyId, actorUserId: b.id, targetUserId: b.id });
    const events = await listCompanyEvents(db, a.companyId);
    expect(events.map((e) => e.type)).toEqual(['2fa.enabled', 'account.created']);
    expect(events[0]).toMatchObject({ actor: a.email, target: a.email });
  });
});
