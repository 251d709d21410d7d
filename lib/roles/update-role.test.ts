import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, roles, users } from '../db/schema';
import { createSession, findActiveSession } from '../sessions/sessions';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { builtInRoleId } from './built-in-roles';
import { createRole } from './create-role';
import { keepsCompany, lockCompanyUsers } from './last-administrator';
import { PERMISSIONS, type BuiltInRole } from './permissions';
import {
  BUILT_IN_READ_ONLY,
  CANNOT_CHANGE_ROLES,
  LAST_COMPANY_KEEPER,
  ROLE_NOT_FOUND,
  UNKNOWN_PERMISSION,
} from './role-rules';
import { updateRole } from './update-role';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

type Actor = { id: string; companyId: string };

async function newRole(admin: Actor, name: string, permissions: readonly string[]) {
  const role = await createRole(db, { companyId: admin.companyId, actorUserId: admin.id, name, permissions });
  if (!role.ok) throw new Error(role.error);
  return role.data;
}

const give = (userId: string, roleId: string) => db.update(users).set({ roleId }).where(eq(users.id, userId));

const roleRow = async (id: string) => (await db.select().from(roles).where(eq(roles.id, id)))[0];

/** The company's users who can still change its settings. */
const keepers = async (companyId: string) =>
  (await db.transaction((tx) => lockCompanyUsers(tx, companyId))).filter(keepsCompany).map((u) => u.id);

describe('updateRole', () => {
  it('renames a custom role and changes its permissions, auditing both', async () => {
    const admin = await seedAdmin(db);
    const role = await newRole(admin, 'Support', ['users:read', 'users:2fa']);
    const result = await updateRole(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      roleId: role.id,
      name: ' Helpdesk ',
      permissions: ['audit:read', 'users:read'],
    });
    expect(result).toMatchObject({
      ok: true,
      data: { changed: true, role: { name: 'Helpdesk', permissions: ['users:read', 'audit:read'] } },
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, admin.companyId), eq(auditEvents.type, 'role.updated')));
    expect(event).toMatchObject({
      actorUserId: admin.id,
      detail: {
        roleId: role.id,
        name: 'Helpdesk',
        renamedFrom: 'Support',
        from: ['users:read', 'users:2fa'],
        to: ['users:read', 'audit:read'],
        added: ['See activity'],
        removed: ['Manage users’ two-factor authentication'],
      },
    });
  });

  it('writes and audits nothing when nothing changed', async () => {
    const admin = await seedAdmin(db);
    const role = await newRole(admin, 'Readers', ['users:read']);
    const again = { companyId: admin.companyId, actorUserId: admin.id, roleId: role.id };
    expect(await updateRole(db, { ...again, name: 'Readers', permissions: ['users:read'] })).toMatchObject({
      ok: true,
      data: { changed: false },
    });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.type, 'role.updated'));
    expect(events.filter((e) => e.companyId === admin.companyId)).toEqual([]);
  });

  it('never changes a built-in role', async () => {
    const admin = await seedAdmin(db);
    for (const key of ['administrator', 'member', 'auditor'] as BuiltInRole[]) {
      const id = await builtInRoleId(db, admin.companyId, key);
      const before = await roleRow(id);
      expect(
        await updateRole(db, {
          companyId: admin.companyId,
          actorUserId: admin.id,
          roleId: id,
          name: 'Renamed',
          permissions: ['users:read'],
        }),
        key,
      ).toMatchObject({ ok: false, error: BUILT_IN_READ_ONLY });
      expect(await roleRow(id)).toEqual(before);
    }
  });

  it('refuses a name another role of the company has, in any case', async () => {
    const admin = await seedAdmin(db);
    await newRole(admin, 'Helpdesk', []);
    const role = await newRole(admin, 'Support', []);
    const rename = (name: string) =>
      updateRole(db, { companyId: admin.companyId, actorUserId: admin.id, roleId: role.id, name, permissions: [] });
    for (const name of ['HELPDESK', 'member'])
      expect(await rename(name)).toMatchObject({
        ok: false,
        fieldErrors: { name: expect.stringContaining('already') },
      });
    expect(await rename('SUPPORT')).toMatchObject({ ok: true, data: { role: { name: 'SUPPORT' } } });
  });

  it('refuses unknown permissions, and roles of another company or no role at all', async () => {
    const admin = await seedAdmin(db);
    const role = await newRole(admin, 'Support', ['users:read']);
    const base = { companyId: admin.companyId, actorUserId: admin.id, name: 'Support' };
    expect(await updateRole(db, { ...base, roleId: role.id, permissions: ['users:read', 'root'] })).toMatchObject({
      ok: false,
      error: UNKNOWN_PERMISSION,
    });
    const other = await seedAdmin(db);
    const theirs = await newRole(other, 'Theirs', []);
    for (const roleId of [theirs.id, 'not-a-uuid', crypto.randomUUID()])
      expect(await updateRole(db, { ...base, roleId, permissions: [] }), roleId).toMatchObject({
        ok: false,
        error: ROLE_NOT_FOUND,
      });
    expect(await roleRow(theirs.id)).toMatchObject({ name: 'Theirs', permissions: [] });
    expect(await roleRow(role.id)).toMatchObject({ permissions: ['users:read'] });
  });

  it('lets nobody edit a role above their own, or raise one above it', async () => {
    const admin = await seedAdmin(db);
    const rolesAdmin = await seedMember(db, admin.companyId);
    await give(
      rolesAdmin.id,
      (await newRole(admin, 'Role keepers', ['users:read', 'company:read', 'company:write'])).id,
    );
    const helpdesk = await newRole(admin, 'Helpdesk', ['users:read', 'users:2fa']);
    const readers = await newRole(admin, 'Readers', ['users:read']);
    const as = (roleId: string, name: string, permissions: string[]) =>
      updateRole(db, { companyId: admin.companyId, actorUserId: rolesAdmin.id, roleId, name, permissions });

    // Helpdesk holds users:2fa, which the actor lacks: not even removing it is theirs to do.
    expect(await as(helpdesk.id, 'Helpdesk', ['users:read'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('lacks: Manage users’ two-factor authentication'),
    });
    expect(await as(readers.id, 'Readers', ['users:read', 'audit:read'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('Yours lacks: See activity.'),
    });
    expect((await as(readers.id, 'Readers', ['users:read', 'company:read'])).ok).toBe(true);
    expect(await roleRow(helpdesk.id)).toMatchObject({ permissions: ['users:read', 'users:2fa'] });

    const auditor = await seedMember(db, admin.companyId, { role: 'auditor' });
    expect(
      await updateRole(db, {
        companyId: admin.companyId,
        actorUserId: auditor.id,
        roleId: readers.id,
        name: 'Readers',
        permissions: [],
      }),
    ).toMatchObject({ ok: false, error: CANNOT_CHANGE_ROLES });
  });

  it('takes effect on the holder’s next request', async () => {
    const admin = await seedAdmin(db);
    const helpdesk = await newRole(admin, 'Helpdesk', ['users:read', 'users:2fa']);
    const member = await seedMember(db, admin.companyId);
    await give(member.id, helpdesk.id);
    const session = await createSession(db, { userId: member.id, secondFactor: true });
    expect((await findActiveSession(db, session.id))?.role.permissions).toEqual(['users:read', 'users:2fa']);

    await updateRole(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      roleId: helpdesk.id,
      name: 'Helpdesk',
      permissions: ['users:read'],
    });
    const next = await findActiveSession(db, session.id);
    expect(next?.session.id).toBe(session.id);
    expect(next?.role.permissions).toEqual(['users:read']);
  });

  it('keeps an active, non-API holder of company:write', async () => {
    const admin = await seedAdmin(db);
    const owners = await newRole(admin, 'Owners', PERMISSIONS);
    await give(admin.id, owners.id);
    // An API Account and a deactivated user with Administrator do not keep the company.
    await seedMember(db, admin.companyId, { role: 'administrator', isApiAccount: true });
    const gone = await seedMember(db, admin.companyId, { role: 'administrator' });
    await db.update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    const strip = () =>
      updateRole(db, {
        companyId: admin.companyId,
        actorUserId: admin.id,
        roleId: owners.id,
        name: 'Owners',
        permissions: PERMISSIONS.filter((p) => p !== 'company:write'),
      });
    expect(await strip()).toMatchObject({ ok: false, error: LAST_COMPANY_KEEPER });
    expect((await roleRow(owners.id)).permissions).toContain('company:write');

    const colleague = await seedMember(db, admin.companyId, { role: 'administrator' });
    expect((await strip()).ok).toBe(true);
    expect(await keepers(admin.companyId)).toEqual([colleague.id]);
  });
});

describe('updateRole, two admins at once', () => {
  /** A company whose only keepers are A (role "A") and B (role "B"), each role holding everything. */
  async function twoKeepers() {
    const a = await seedAdmin(db);
    const b = await seedMember(db, a.companyId);
    const roleA = await newRole(a, 'A', PERMISSIONS);
    const roleB = await newRole(a, 'B', PERMISSIONS);
    await give(a.id, roleA.id);
    await give(b.id, roleB.id);
    const strip = (actor: Actor, roleId: string, name: string) =>
      updateRole(db, {
        companyId: a.companyId,
        actorUserId: actor.id,
        roleId,
        name,
        permissions: PERMISSIONS.filter((p) => p !== 'company:write'),
      });
    return { a, b, roleA, roleB, strip };
  }

  it('removing company:write from their own roles leaves one holder', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b, roleA, roleB, strip } = await twoKeepers();
      const results = await Promise.all([strip(a, roleA.id, 'A'), strip(b, roleB.id, 'B')]);
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: LAST_COMPANY_KEEPER });
      expect(await keepers(a.companyId)).toHaveLength(1);
    }
  });

  it('removing company:write from each other’s roles leaves one holder', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b, roleA, roleB, strip } = await twoKeepers();
      const results = await Promise.all([strip(a, roleB.id, 'B'), strip(b, roleA.id, 'A')]);
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(await keepers(a.companyId)).toHaveLength(1);
    }
  });
});
