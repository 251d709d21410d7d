import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  companies,
  loginChallenges,
  loginCodes,
  totpCredentials,
  users,
  type Company,
  type LoginChallenge,
  type LoginCode,
  type TotpCredential,
  type User,
} from '../db/schema';
import { hashToken } from '../crypto/tokens';
import type { Policy } from '../twofactor/policy';
import { policyFor, totpState } from '../twofactor/totp-state';

export type OpenChallenge = {
  challenge: LoginChallenge;
  user: User;
  company: Company;
  /** The user's authenticator, confirmed or pending. */
  totp: TotpCredential | null;
  /** The SMS/email code last sent for this challenge. */
  loginCode: LoginCode | null;
  /** The user holds a passkey or security key. */
  hasPasskey: boolean;
  policy: Policy;
};

/**
 * The unexpired challenge behind a cookie that still waits for a second factor, with everything
 * a second-factor check needs (user, company policy, authenticator, sent code), in one query.
 */
export async function findChallenge(db: DbOrTx, token: string, now = new Date()): Promise<OpenChallenge | null> {
  const [row] = await db
    .select({
      challenge: loginChallenges,
      user: users,
      company: companies,
      totp: totpCredentials,
      loginCode: loginCodes,
      hasPasskey: sql<boolean>`exists (select 1 from webauthn_credentials w where w.user_id = ${users.id})`,
    })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .leftJoin(loginCodes, eq(loginCodes.challengeId, loginChallenges.id))
    .where(
      and(
        eq(loginChallenges.tokenHash, hashToken(token)),
        isNull(loginChallenges.passedAt),
        gt(loginChallenges.expiresAt, now),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  if (!row) return null;
  return { ...row, policy: policyOf(row) };
}

/** The second-factor policy from rows already read (the sign-in never reads them twice). */
export function policyOf(input: {
  company: Company;
  user: User;
  totp: TotpCredential | null;
  hasPasskey?: boolean;
}): Policy {
  return policyFor({
    company: input.company,
    user: input.user,
    totp: totpState(input.totp, input.user.id),
    hasPasskey: input.hasPasskey,
  });
}
