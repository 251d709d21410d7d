import { and, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users, type Role } from '../db/schema';
import { listRoles } from './assignable-role';
import { isRoleId } from './role-rules';

/** A role as Company › Roles shows it: the row, and how many users hold it. */
export type RoleSummary = Role & { users: number };

/** How many users hold each of the company's roles, in one query. */
async function holderCounts(db: DbOrTx, companyId: string, roleId?: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ roleId: users.roleId, n: count() })
    .from(users)
    .where(and(eq(users.companyId, companyId), roleId ? eq(users.roleId, roleId) : undefined))
    .groupBy(users.roleId);
  return new Map(rows.map((r) => [r.roleId, r.n]));
}

/** The company's roles (built-in first, then custom by name) with how many users hold each. */
export async function listRoleSummaries(db: DbOrTx, companyId: string): Promise<RoleSummary[]> {
  const [list, counts] = await Promise.all([listRoles(db, companyId), holderCounts(db, companyId)]);
  return list.map((role) => ({ ...role, users: counts.get(role.id) ?? 0 }));
}

/** One role of the company with its number of users, or null (another company's role included). */
export async function findRoleSummary(
  db: DbOrTx,
  input: { companyId: string; roleId: string },
): Promise<RoleSummary | null> {
  if (!isRoleId(input.roleId)) return null;
  const [[role], counts] = await Promise.all([
    db
      .select()
      .from(roles)
      .where(and(eq(roles.id, input.roleId), eq(roles.companyId, input.companyId))),
    holderCounts(db, input.companyId, input.roleId),
  ]);
  return role ? { ...role, users: counts.get(role.id) ?? 0 } : null;
}
