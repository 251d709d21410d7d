import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, type User } from '../db/schema';
import { listUsers, type UserRow } from '../admin/list-users';
import type { ChallengeMethod } from '../twofactor/policy';
import { policyFor } from '../twofactor/totp-state';

/** One user in the JSON of GET /api/v1/users. */
export type ApiUser = {
  id: string;
  name: string;
  email: string;
  /** The name of the user's role. */
  role: string;
  isApiAccount: boolean;
  /** The method sign-in asks for first, or 'none' when no second factor applies. */
  twoFactor: ChallengeMethod | 'none';
  /** Every method sign-in offers, first one first: the same list the admin table and Security page use. */
  twoFactorMethods: ChallengeMethod[];
  lastSignInAt: Date | null;
};

/** A row of the users list as the API shows it, from the policy sign-in uses. */
export function toApiUser(
  company: { twoFactorRequired: boolean; allowTotp: boolean; allowDuo: boolean },
  row: UserRow,
): ApiUser {
  const policy = policyFor({ company, user: row, totp: row.totp });
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    isApiAccount: row.isApiAccount,
    twoFactor: policy.required ? policy.methods[0] : 'none',
    twoFactorMethods: policy.methods,
    lastSignInAt: row.lastSignInAt,
  };
}

/** The users of an API account's own company (the caller checks that it may list them). */
export async function listApiUsers(db: DbOrTx, apiAccount: User): Promise<ApiUser[]> {
  const [[company], rows] = await Promise.all([
    db.select().from(companies).where(eq(companies.id, apiAccount.companyId)),
    listUsers(db, { companyId: apiAccount.companyId, viewerId: apiAccount.id }),
  ]);
  return rows.map((row) => toApiUser(company, row));
}
