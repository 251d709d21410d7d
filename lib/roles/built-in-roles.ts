import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, type Role } from '../db/schema';
import { BUILT_IN_ROLES, type BuiltInRole } from './permissions';

/** Inserts a new company's three built-in roles; returns them by key. */
export async function insertBuiltInRoles(tx: DbOrTx, companyId: string): Promise<Record<BuiltInRole, Role>> {
  const rows = await tx
    .insert(roles)
    .values(
      (Object.keys(BUILT_IN_ROLES) as BuiltInRole[]).map((key) => ({
        companyId,
        name: BUILT_IN_ROLES[key].name,
        permissions: [...BUILT_IN_ROLES[key].permissions],
        builtIn: key,
      })),
    )
    .returning();
  return Object.fromEntries(rows.map((r) => [r.builtIn, r])) as Record<BuiltInRole, Role>;
}

/** The id of one of a company's built-in roles. */
export async function builtInRoleId(db: DbOrTx, companyId: string, key: BuiltInRole): Promise<string> {
  const [row] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.companyId, companyId), eq(roles.builtIn, key)));
  if (!row) throw new Error(`Company ${companyId} has no built-in ${key} role`);
  return row.id;
}
