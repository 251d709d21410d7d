import { eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, totpCredentials, users, type Company, type TotpCredential, type User } from '../db/schema';

/** A user with what deciding their second factor takes: their company, their authenticator and passkeys. */
export type Account = { user: User; company: Company; totp: TotpCredential | null; hasPasskey: boolean };

/**
 * Finds an account by email or username (case-insensitively) or by id, with its company and
 * authenticator, in one query.
 */
export async function findAccount(
  db: DbOrTx,
  by: { identifier: string } | { userId: string },
): Promise<Account | undefined> {
  const where =
    'userId' in by
      ? eq(users.id, by.userId)
      : or(
          eq(sql`lower(${users.email})`, by.identifier.trim().toLowerCase()),
          eq(sql`lower(${users.username})`, by.identifier.trim().toLowerCase()),
        );
  const [row] = await db
    .select({
      user: users,
      company: companies,
      totp: totpCredentials,
      hasPasskey: sql<boolean>`exists (select 1 from webauthn_credentials w where w.user_id = ${users.id})`,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(where)
    .limit(1);
  return row;
}
