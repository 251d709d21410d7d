import type { TwoFactorMethod } from '../db/schema';

/** What the challenge page can offer. "otp" is a 6-digit code by SMS or email; "duo" is Duo (Push, call, passcode). */
export type ChallengeMethod = 'totp' | 'backup' | 'otp' | 'duo' | 'passkey';

export type PolicyInput = {
  company: { twoFactorRequired: boolean; allowTotp: boolean; allowDuo: boolean; allowPasskeys?: boolean };
  user: {
    isApiAccount: boolean;
    preferredMethod: TwoFactorMethod | null;
    mobile: string | null;
    hasTotp: boolean;
    /** Holds a passkey or security key (a strong method, like the authenticator app). */
    hasPasskey?: boolean;
  };
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
  // A passkey counts while the company allows them. Adding one makes it the preferred method, so it
  // comes first unless the user has since preferred another (then it comes second).
  const passkey = Boolean(user.hasPasskey && company.allowPasskeys);
  const withPasskey = (methods: ChallengeMethod[]) => {
    if (passkey) methods.splice(user.preferredMethod && user.preferredMethod !== 'passkey' ? 1 : 0, 0, 'passkey');
    return methods;
  };
  if (!company.twoFactorRequired) {
    const own = withPasskey(user.hasTotp ? ['totp', 'backup'] : []);
    return own.length
      ? { required: true, methods: own, otpChannel, source: 'user' }
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
  return { required: true, methods: withPasskey(methods), otpChannel, source: 'company' };
}
