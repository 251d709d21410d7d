import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { totpCredentials, users, type TotpCredential, type User } from '../db/schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed id; anything else cannot name a user and must not reach Postgres. */
export function isUserId(value: string): boolean {
  return UUID.test(value);
}

export type CompanyUser = { user: User; totp: TotpCredential | null };

/**
 * One user of the admin's company with their authenticator row, or null. The company id is part
 * of the query, so an id from another company finds nothing, exactly like an unknown id.
 */
export async function findCompanyUser(
  db: DbOrTx,
  input: { companyId: string; userId: string },
): Promise<CompanyUser | null> {
  if (!isUserId(input.userId)) return null;
  const [row] = await db
    .select({ user: users, totp: totpCredentials })
    .from(users)
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(and(eq(users.id, input.userId), eq(users.companyId, input.companyId)));
  return row ?? null;
}
