import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema';

/**
 * The names of the admins who could approve `userId`'s recovery request: the active admins of
 * their company, not the user themselves. Only for a sign-in whose password is proven: an
 * anonymous visitor must not learn who works where.
 */
export async function findCompanyAdmins(db: DbOrTx, input: { companyId: string; userId: string }): Promise<string[]> {
  const rows = await db
    .select({ name: users.name })
    .from(users)
    .where(
      and(
        eq(users.companyId, input.companyId),
        eq(users.role, 'admin'),
        eq(users.disabled, false),
        eq(users.isApiAccount, false),
        ne(users.id, input.userId),
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((r) => r.name);
}
