import type { Company } from '../db/schema';
import { policyFor } from '../twofactor/totp-state';
import type { UserRow } from './list-users';

export type TwoFactorSummary = { method: string; status: string };

const METHOD_LABELS = {
  totp: 'Authenticator app',
  otp: 'SMS/Email code',
  backup: 'Backup code',
  duo: 'Duo',
  passkey: 'Passkey or security key',
} as const;

/**
 * What the admin's table says about one user's second factor, from the same policy the sign-in
 * uses, so the table never promises a method that sign-in would not ask for.
 */
export function describeTwoFactor(
  company: Pick<
    Company,
    'twoFactorRequired' | 'allowTotp' | 'allowDuo' | 'twoFactorEnforcedFrom' | 'strongMethodsOnly'
  > & { allowPasskeys?: boolean },
  user: Pick<UserRow, 'isApiAccount' | 'preferredMethod' | 'mobile' | 'totp'> & { hasPasskey?: boolean },
): TwoFactorSummary {
  if (user.isApiAccount) return { method: 'Off', status: 'API account: uses the HTTP API, no web sign-in' };
  const policy = policyFor({ company, user, totp: user.totp, hasPasskey: user.hasPasskey });
  const pending = user.totp === 'pending' ? ' · authenticator setup pending' : '';
  if (!policy.required) {
    const chosen = user.preferredMethod
      ? ` · ${METHOD_LABELS[user.preferredMethod]} chosen for when the company requires two-factor authentication`
      : '';
    return { method: 'Off', status: `Not required${chosen}${pending}` };
  }
  const first = policy.methods[0];
  const channel = first === 'otp' ? (policy.otpChannel === 'sms' ? ' (SMS)' : ' (email)') : '';
  const source = policy.source === 'company' ? 'Required by the company' : 'Enabled by the user';
  return { method: `${METHOD_LABELS[first]}${channel}`, status: `${source}${pending}` };
}
