import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, type User } from '../db/schema';
import { resolvePolicy, type Policy } from './policy';
import { findTotpCredential } from './totp-credential';

/** The policy for one user, read from their company and their own authenticator. */
export async function loadPolicy(db: DbOrTx, user: User): Promise<Policy> {
  const [[company], credential] = await Promise.all([
    db.select().from(companies).where(eq(companies.id, user.companyId)),
    findTotpCredential(db, user.id),
  ]);
  return resolvePolicy({ company, user: { ...user, hasTotp: Boolean(credential?.confirmedAt) } });
}
