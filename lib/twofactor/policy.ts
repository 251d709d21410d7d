import type { TwoFactorMethod } from '../db/schema';

/** What the challenge page can offer. "otp" is a 6-digit code by SMS or email; "duo" is Duo (Push, call, passcode). */
export type ChallengeMethod = 'totp' | 'backup' | 'otp' | 'duo';

export type PolicyInput = {
  company: { twoFactorRequired: boolean; allowTotp: boolean; allowDuo: boolean };
  user: { isApiAccount: boolean; preferredMethod: TwoFactorMethod | null; mobile: string | null; hasTotp: boolean };
};

export type Policy = {
  required: boolean;
  /** Offered methods, the one to show first at the front. */
  methods: ChallengeMethod[];
  /** Where an SMS/email code goes: SMS when the profile has a (validated) mobile number. */
  otpChannel: 'sms' | 'email';
  /** Why 2FA applies: the company's switch, the user's own authenticator, or not at all. */
  source: 'company' | 'user' | 'none';
};

/**
 * Resolves a user's second-factor policy. With the company's switch on, every user except API
 * accounts must pass a factor and SMS/email is always offered; an authenticator counts only while
 * the company allows TOTP (otherwise its users fall back to SMS/email). With the switch off, a
 * user who enabled an authenticator themselves keeps it. Duo comes first for a user who chose it while
 * the company allows it (the admin dialog saves Duo only with its keys), SMS/email staying the fallback.
 */
export function resolvePolicy({ company, user }: PolicyInput): Policy {
  const otpChannel = user.mobile ? 'sms' : 'email';
  if (user.isApiAccount) return { required: false, methods: [], otpChannel, source: 'none' };
  if (!company.twoFactorRequired) {
    return user.hasTotp
      ? { required: true, methods: ['totp', 'backup'], otpChannel, source: 'user' }
      : { required: false, methods: [], otpChannel, source: 'none' };
  }
  const totp = user.hasTotp && company.allowTotp;
  const preferOtp = user.preferredMethod === 'otp' || !totp;
  const methods: ChallengeMethod[] = totp
    ? preferOtp
      ? ['otp', 'totp', 'backup']
      : ['totp', 'otp', 'backup']
    : ['otp'];
  if (company.allowDuo && user.preferredMethod === 'duo') methods.unshift('duo');
  return { required: true, methods, otpChannel, source: 'company' };
}
