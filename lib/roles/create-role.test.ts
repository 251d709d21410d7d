import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, roles, users } from '../db/schema';
import { CUSTOM_ROLES_MAX, ROLE_NAME_MAX_LENGTH } from '../limits';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { createRole } from './create-role';
import { CANNOT_CHANGE_ROLES, UNKNOWN_PERMISSION } from './role-rules';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const rolesOf = async (companyId: string) =>
  (await db.select().from(roles).where(eq(roles.companyId, companyId))).map((r) => r.name).sort();

/** A user of the admin's company holding a new custom role made of `permissions`. */
async function holderOf(admin: { id: string; companyId: string }, name: string, permissions: string[]) {
  const role = await createRole(db, { companyId: admin.companyId, actorUserId: admin.id, name, permissions });
  if (!role.ok) throw new Error(role.error);
  const user = await seedMember(db, admin.companyId);
  await db.update(users).set({ roleId: role.data.id }).where(eq(users.id, user.id));
  return user;
}

describe('createRole', () => {
  it('creates a custom role with a trimmed name and known permissions, and audits it', async () => {
    const admin = await seedAdmin(db);
    const result = await createRole(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      name: '  Help   desk ',
      permissions: ['users:2fa', 'users:read', 'users:2fa'],
      ip: '203.0.113.7',
    });
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'Help desk', permissions: ['users:read', 'users:2fa'], builtIn: null },
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, admin.companyId), eq(auditEvents.type, 'role.created')));
    expect(event).toMatchObject({
      actorUserId: admin.id,
      ip: '203.0.113.7',
      detail: {
        name: 'Help desk',
        permissions: ['users:read', 'users:2fa'],
        granted: ['See users', 'Manage users’ two-factor authentication'],
      },
    });
  });

  it('refuses a name the company already uses, whatever its case, built-in names included; another company may use it', async () => {
    const admin = await seedAdmin(db);
    const create = (name: string, companyId = admin.companyId, actorUserId = admin.id) =>
      createRole(db, { companyId, actorUserId, name, permissions: [] });
    expect((await create('Helpdesk')).ok).toBe(true);
    for (const name of ['helpdesk', ' HELPDESK ', 'administrator', 'Auditor'])
      expect(await create(name), name).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Your company already has a role called “.+”\. Choose another name\.$/),
        fieldErrors: { name: expect.any(String) },
      });
    expect(await rolesOf(admin.companyId)).toEqual(['Administrator', 'Auditor', 'Helpdesk', 'Member']);
    const other = await seedAdmin(db);
    expect((await create('Helpdesk', other.companyId, other.id)).ok).toBe(true);
  });

  it('gives one role to two admins creating the same name at once', async () => {
    const admin = await seedAdmin(db);
    const second = await seedMember(db, admin.companyId, { role: 'administrator' });
    const results = await Promise.all(
      [admin, second].map((actor) =>
        createRole(db, { companyId: admin.companyId, actorUserId: actor.id, name: 'Support', permissions: [] }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: expect.stringContaining('“Support”') });
  });

  it('refuses an empty, over-long or control-character name and an unknown permission, and creates nothing', async () => {
    const admin = await seedAdmin(db);
    const create = (name: string, permissions: string[] = []) =>
      createRole(db, { companyId: admin.companyId, actorUserId: admin.id, name, permissions });
    expect(await create('   ')).toMatchObject({ ok: false, fieldErrors: { name: 'Enter a name for the role.' } });
    expect(await create('x'.repeat(ROLE_NAME_MAX_LENGTH + 1))).toMatchObject({
      ok: false,
      fieldErrors: { name: `Use at most ${ROLE_NAME_MAX_LENGTH} characters.` },
    });
    expect(await create('Help\u0000desk')).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    for (const unknown of ['users:delete', 'admin', '*', 'USERS:READ'])
      expect(await create('Helpdesk', ['users:read', unknown]), unknown).toMatchObject({
        ok: false,
        error: UNKNOWN_PERMISSION,
      });
    expect(await rolesOf(admin.companyId)).toEqual(['Administrator', 'Auditor', 'Member']);
    expect((await create('x'.repeat(ROLE_NAME_MAX_LENGTH))).ok).toBe(true);
  });

  it('lets nobody give a role a permission their own role lacks, and nobody without company:write create one', async () => {
    const admin = await seedAdmin(db);
    const rolesAdmin = await holderOf(admin, 'Role keepers', ['users:read', 'company:read', 'company:write']);
    const above = await createRole(db, {
      companyId: admin.companyId,
      actorUserId: rolesAdmin.id,
      name: 'Auditors plus',
      permissions: ['users:read', 'audit:read', 'users:2fa'],
    });
    expect(above).toMatchObject({
      ok: false,
      error: expect.stringContaining('Yours lacks: Manage users’ two-factor authentication, See activity.'),
    });
    const within = await createRole(db, {
      companyId: admin.companyId,
      actorUserId: rolesAdmin.id,
      name: 'Readers',
      permissions: ['users:read', 'company:read'],
    });
    expect(within.ok).toBe(true);

    const auditor = await seedMember(db, admin.companyId, { role: 'auditor' });
    const member = await seedMember(db, admin.companyId);
    for (const actor of [auditor, member])
      expect(
        await createRole(db, { companyId: admin.companyId, actorUserId: actor.id, name: 'Mine', permissions: [] }),
      ).toMatchObject({ ok: false, error: CANNOT_CHANGE_ROLES });
  });

  it('creates nothing in a company the actor does not belong to', async () => {
    const victim = await seedAdmin(db);
    const attacker = await seedAdmin(db);
    expect(
      await createRole(db, {
        companyId: victim.companyId,
        actorUserId: attacker.id,
        name: 'Backdoor',
        permissions: ['company:write'],
      }),
    ).toMatchObject({ ok: false, error: CANNOT_CHANGE_ROLES });
    expect(await rolesOf(victim.companyId)).toEqual(['Administrator', 'Auditor', 'Member']);
  });

  it(`stops at ${CUSTOM_ROLES_MAX} custom roles`, async () => {
    const admin = await seedAdmin(db);
    await db
      .insert(roles)
      .values(Array.from({ length: CUSTOM_ROLES_MAX }, (_, i) => ({ companyId: admin.companyId, name: `Role ${i}` })));
    expect(
      await createRole(db, { companyId: admin.companyId, actorUserId: admin.id, name: 'One more', permissions: [] }),
    ).toMatchObject({ ok: false, error: expect.stringContaining(`${CUSTOM_ROLES_MAX} custom roles`) });
  });
});
