import { and, arrayContains, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users } from '../db/schema';

/**
 * The names of the admins (users:2fa) who could approve `userId`'s recovery request: the active admins of
 * their company, not the user themselves. Only for a sign-in whose password is proven: an
 * anonymous visitor must not learn who works where.
 */
export async function findCompanyAdmins(db: DbOrTx, input: { companyId: string; userId: string }): Promise<string[]> {
  const rows = await db
    .select({ name: users.name })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(users.companyId, input.companyId),
        arrayContains(roles.permissions, ['users:2fa']),
        eq(users.disabled, false),
        eq(users.isApiAccount, false),
        ne(users.id, input.userId),
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((r) => r.name);
}
