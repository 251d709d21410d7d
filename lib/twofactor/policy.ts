import type { TwoFactorMethod } from '../db/schema';
import { twoFactorEnforced } from './enforcement';

/** What the challenge page can offer. "otp" is a 6-digit code by SMS or email; "duo" is Duo (Push, call, passcode). */
export type ChallengeMethod = 'totp' | 'backup' | 'otp' | 'duo' | 'passkey';

export type PolicyInput = {
  company: {
    twoFactorRequired: boolean;
    allowTotp: boolean;
    allowDuo: boolean;
    /** Until this time the company's switch does not apply yet (twoFactorEnforced). */
    twoFactorEnforcedFrom: Date | null;
    /** Users with a strong method (authenticator app, passkey, Duo) are not offered SMS/email codes. */
    strongMethodsOnly: boolean;
    allowPasskeys?: boolean;
  };
  user: {
    isApiAccount: boolean;
    preferredMethod: TwoFactorMethod | null;
    mobile: string | null;
    hasTotp: boolean;
    /** Holds a passkey or security key (a strong method, like the authenticator app). */
    hasPasskey?: boolean;
  };
  /** The time the enforcement date is compared with; the clock of lib/clock.ts by default. */
  now?: Date;
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
 * The switch counts only once its enforcement date has passed (twoFactorEnforced). With "strong
 * methods only", a user who has a strong method is never offered SMS/email; others keep it.
 */
export function resolvePolicy({ company, user, now }: PolicyInput): Policy {
  const otpChannel = user.mobile ? 'sms' : 'email';
  if (user.isApiAccount) return { required: false, methods: [], otpChannel, source: 'none' };
  // A passkey counts while the company allows them. Adding one makes it the preferred method, so it
  // comes first unless the user has since preferred another (then it comes second).
  const passkey = Boolean(user.hasPasskey && company.allowPasskeys);
  const withPasskey = (methods: ChallengeMethod[]) => {
    if (passkey) methods.splice(user.preferredMethod && user.preferredMethod !== 'passkey' ? 1 : 0, 0, 'passkey');
    return methods;
  };
  if (!twoFactorEnforced(company, now)) {
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
  const duo = company.allowDuo && user.preferredMethod === 'duo';
  if (duo) methods.unshift('duo');
  // Strong methods only: no way down to a code an attacker could redirect (SIM swap, a phished inbox).
  if (company.strongMethodsOnly && (totp || duo || passkey))
    return { required: true, methods: withPasskey(withoutCodes(methods)), otpChannel, source: 'company' };
  return { required: true, methods: withPasskey(methods), otpChannel, source: 'company' };
}

const withoutCodes = (methods: ChallengeMethod[]) => methods.filter((m) => m !== 'otp');
