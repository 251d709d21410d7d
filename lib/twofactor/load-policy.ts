import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, type User } from '../db/schema';
import type { Policy } from './policy';
import { policyFor, totpState } from './totp-state';
import { findTotpCredential } from './totp-credential';

/** The policy for one user, read from their company and their own authenticator. */
export async function loadPolicy(db: DbOrTx, user: User): Promise<Policy> {
  const [[company], credential] = await Promise.all([
    db.select().from(companies).where(eq(companies.id, user.companyId)),
    findTotpCredential(db, user.id),
  ]);
  return policyFor({ company, user, totp: totpState(credential, user.id) });
}
