import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { webauthnCredentials, type Company, type TwoFactorMethod } from '../db/schema';
import type { TotpState } from './totp-state';

type ReadinessInput = {
  company: Pick<Company, 'allowTotp' | 'allowDuo' | 'allowPasskeys'>;
  user: { isApiAccount: boolean; preferredMethod: TwoFactorMethod | null };
  totp: TotpState;
  hasPasskey: boolean;
};

/**
 * "Ready" for the company's enforcement date: the user has set up a method of their own that the
 * company allows (an active authenticator app, a passkey or security key, or Duo through Duo
 * Setup). Everyone can receive a sign-in code by SMS/email, so that fallback alone is not "ready";
 * when the company allows no other method, the code is the method and everyone is ready.
 * API accounts never sign in on the web: nothing to prepare.
 */
export function isReadyForTwoFactor({ company, user, totp, hasPasskey }: ReadinessInput): boolean {
  if (user.isApiAccount) return true;
  if (!company.allowTotp && !company.allowDuo && !company.allowPasskeys) return true;
  return (
    (company.allowTotp && totp === 'on') ||
    (company.allowPasskeys && hasPasskey) ||
    (company.allowDuo && user.preferredMethod === 'duo')
  );
}

/** Whether the user has registered a passkey or security key (as SQL, for one query over many users). */
export const hasPasskeySql = (userId: unknown) =>
  sql<boolean>`exists (select 1 from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${userId})`;

/** Whether one user has registered a passkey or security key. */
export async function hasPasskey(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: webauthnCredentials.id })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId))
    .limit(1);
  return Boolean(row);
}
