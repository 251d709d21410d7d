import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { isUserStatus, listUsers } from './list-users';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('listUsers by status', () => {
  it('tells active, deactivated and invited users apart, and filters by each (with the search too)', async () => {
    const admin = await seedAdmin(db);
    const other = await seedAdmin(db);
    const active = await seedMember(db, admin.companyId, { email: `active-${Date.now()}@example.com` });
    const gone = await seedMember(db, admin.companyId, { email: `gone-${Date.now()}@example.com` });
    const invited = await seedMember(db, admin.companyId, { email: `invited-${Date.now()}@example.com` });
    // Invited, then deactivated before accepting: deactivated is what matters.
    const both = await seedMember(db, admin.companyId, { email: `both-${Date.now()}@example.com` });
    await db.update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, invited.id));
    await db.update(users).set({ passwordHash: null, disabled: true }).where(eq(users.id, both.id));
    await seedMember(db, other.companyId); // another company's user shows under no filter
    const list = (status?: 'active' | 'deactivated' | 'invited', query?: string) =>
      listUsers(db, { companyId: admin.companyId, viewerId: admin.id, status, query }).then((rows) =>
        rows.map((r) => r.id).sort(),
      );

    const all = await listUsers(db, { companyId: admin.companyId, viewerId: admin.id });
    expect(Object.fromEntries(all.map((r) => [r.id, r.status]))).toEqual({
      [admin.id]: 'active',
      [active.id]: 'active',
      [gone.id]: 'deactivated',
      [invited.id]: 'invited',
      [both.id]: 'deactivated',
    });
    expect(await list('active')).toEqual([admin.id, active.id].sort());
    expect(await list('deactivated')).toEqual([gone.id, both.id].sort());
    expect(await list('invited')).toEqual([invited.id]);
    expect(await list('deactivated', 'gone-')).toEqual([gone.id]);
    expect(await list('active', 'gone-')).toEqual([]);
  });

  it('accepts only the three statuses from a query string', () => {
    for (const s of ['active', 'deactivated', 'invited']) expect(isUserStatus(s)).toBe(true);
    for (const s of ['', 'all', 'disabled', 'Active', undefined, ['active']]) expect(isUserStatus(s)).toBe(false);
  });
});
