import type { TwoFactorMethod } from '../db/schema';
import { twoFactorEnforced } from './enforcement';

/** What the challenge page can offer. "otp" is a 6-digit code by SMS or email; "duo" is Duo (Push, call, passcode). */
export type ChallengeMethod = 'totp' | 'backup' | 'otp' | 'duo';

export type PolicyInput = {
  company: {
    twoFactorRequired: boolean;
    allowTotp: boolean;
    allowDuo: boolean;
    /** Until this time the company's switch does not apply yet (twoFactorEnforced). */
    twoFactorEnforcedFrom: Date | null;
    /** Users with a strong method (authenticator app, Duo) are not offered SMS/email codes. */
    strongMethodsOnly: boolean;
  };
  user: { isApiAccount: boolean; preferredMethod: TwoFactorMethod | null; mobile: string | null; hasTotp: boolean };
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
  if (!twoFactorEnforced(company, now)) {
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
  const duo = company.allowDuo && user.preferredMethod === 'duo';
  if (duo) methods.unshift('duo');
  // Strong methods only: no way down to a code an attacker could redirect (SIM swap, a phished inbox).
  if (company.strongMethodsOnly && (totp || duo))
    return { required: true, methods: withoutCodes(methods), otpChannel, source: 'company' };
  return { required: true, methods, otpChannel, source: 'company' };
}

const withoutCodes = (methods: ChallengeMethod[]) => methods.filter((m) => m !== 'otp');
