import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, roles, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { builtInRoleId } from './built-in-roles';
import { createRole } from './create-role';
import { deleteRole } from './delete-role';
import { BUILT_IN_READ_ONLY, CANNOT_CHANGE_ROLES, ROLE_NOT_FOUND } from './role-rules';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

async function newRole(admin: { id: string; companyId: string }, name: string, permissions: string[] = []) {
  const role = await createRole(db, { companyId: admin.companyId, actorUserId: admin.id, name, permissions });
  if (!role.ok) throw new Error(role.error);
  return role.data;
}
const exists = async (id: string) => (await db.select().from(roles).where(eq(roles.id, id))).length === 1;

describe('deleteRole', () => {
  it('deletes a role nobody holds, and audits it', async () => {
    const admin = await seedAdmin(db);
    const role = await newRole(admin, 'Temporary', ['users:read']);
    expect(
      await deleteRole(db, { companyId: admin.companyId, actorUserId: admin.id, roleId: role.id, ip: '203.0.113.9' }),
    ).toEqual({ ok: true, data: { name: 'Temporary' } });
    expect(await exists(role.id)).toBe(false);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, admin.companyId), eq(auditEvents.type, 'role.deleted')));
    expect(event).toMatchObject({
      actorUserId: admin.id,
      detail: { roleId: role.id, name: 'Temporary', permissions: ['users:read'] },
    });
  });

  it('refuses a role in use, saying how many hold it, until they are moved', async () => {
    const admin = await seedAdmin(db);
    const role = await newRole(admin, 'Helpdesk');
    const holders = [await seedMember(db, admin.companyId), await seedMember(db, admin.companyId)];
    for (const h of holders) await db.update(users).set({ roleId: role.id }).where(eq(users.id, h.id));
    const remove = () => deleteRole(db, { companyId: admin.companyId, actorUserId: admin.id, roleId: role.id });
    expect(await remove()).toMatchObject({ ok: false, error: expect.stringMatching(/^2 users have this role\./) });
    const member = await builtInRoleId(db, admin.companyId, 'member');
    await db.update(users).set({ roleId: member }).where(eq(users.id, holders[0].id));
    expect(await remove()).toMatchObject({ ok: false, error: expect.stringMatching(/^1 user has this role\./) });
    await db.update(users).set({ roleId: member }).where(eq(users.id, holders[1].id));
    expect((await remove()).ok).toBe(true);
  });

  it('never deletes a built-in role', async () => {
    const admin = await seedAdmin(db);
    for (const key of ['administrator', 'member', 'auditor'] as const) {
      const id = await builtInRoleId(db, admin.companyId, key);
      // Auditor is held by nobody here: being unused does not make it deletable.
      expect(await deleteRole(db, { companyId: admin.companyId, actorUserId: admin.id, roleId: id }), key).toEqual({
        ok: false,
        error: BUILT_IN_READ_ONLY,
      });
      expect(await exists(id)).toBe(true);
    }
  });

  it('is refused to those without company:write, to a role above the actor’s own, and across companies', async () => {
    const admin = await seedAdmin(db);
    const role = await newRole(admin, 'Auditors plus', ['audit:read', 'users:2fa']);
    const auditor = await seedMember(db, admin.companyId, { role: 'auditor' });
    expect(
      await deleteRole(db, { companyId: admin.companyId, actorUserId: auditor.id, roleId: role.id }),
    ).toMatchObject({ ok: false, error: CANNOT_CHANGE_ROLES });

    const keeper = await seedMember(db, admin.companyId);
    const keepers = await newRole(admin, 'Role keepers', ['company:read', 'company:write']);
    await db.update(users).set({ roleId: keepers.id }).where(eq(users.id, keeper.id));
    expect(await deleteRole(db, { companyId: admin.companyId, actorUserId: keeper.id, roleId: role.id })).toMatchObject(
      { ok: false, error: expect.stringContaining('lacks: Manage users’ two-factor authentication, See activity') },
    );

    const other = await seedAdmin(db);
    for (const [companyId, actorUserId] of [
      [other.companyId, other.id],
      [admin.companyId, other.id],
    ])
      expect((await deleteRole(db, { companyId, actorUserId, roleId: role.id })).ok).toBe(false);
    expect(await deleteRole(db, { companyId: other.companyId, actorUserId: other.id, roleId: role.id })).toMatchObject({
      error: ROLE_NOT_FOUND,
    });
    expect(await exists(role.id)).toBe(true);
  });
});
