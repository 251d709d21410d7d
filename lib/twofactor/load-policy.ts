import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, type User } from '../db/schema';
import type { Policy } from './policy';
import { policyFor, totpState } from './totp-state';
import { findTotpCredential } from './totp-credential';
import { hasPasskey } from './passkeys';

/** The policy for one user, read from their company, their own authenticator and passkeys. */
export async function loadPolicy(db: DbOrTx, user: User): Promise<Policy> {
  const [[company], credential, passkey] = await Promise.all([
    db.select().from(companies).where(eq(companies.id, user.companyId)),
    findTotpCredential(db, user.id),
    hasPasskey(db, user.id),
  ]);
  return policyFor({ company, user, totp: totpState(credential, user.id), hasPasskey: passkey });
}
