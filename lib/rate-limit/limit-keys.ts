import {
  CONSECUTIVE_FAILURES_LIMIT,
  CONSECUTIVE_FAILURES_WINDOW_MS,
  DUO_STATUS_POLLS_PER_CHALLENGE,
  LOGIN_CHALLENGE_LIFETIME_MS,
  DUO_SETUP_CHECKS_PER_MINUTE,
  HOUR_MS,
  MINUTE_MS,
  LOGIN_CODE_RESEND_COOLDOWN_MS,
  LOGIN_CODES_PER_HOUR,
  passwordAttemptsPerIp,
  PASSWORD_FAILURES_PER_ACCOUNT,
  PASSWORD_WINDOW_MS,
  REAUTH_FAILURES_PER_ACCOUNT,
  SECOND_FACTOR_FAILURES_PER_ACCOUNT,
  SECOND_FACTOR_WINDOW_MS,
} from '../limits';
import type { RateLimitClaim } from './hit';

/**
 * Every rate-limit counter of sign-in and re-authentication, in one place: the key each is stored
 * under and its limit. Sign-in and re-authentication count against them; Reset 2FA and Unlock
 * clear them by these same names, so a renamed key can never leave a lockout behind. (They live
 * here, below every domain folder, because sign-in and re-authentication share the password
 * counters: anywhere higher, two lib folders would import each other.)
 */

/** The second-factor keys are these prefixes + the user id (the redeem statement builds them in SQL). */
export const SECOND_FACTOR_KEY_PREFIXES = ['2fa:acct:', '2fa:consecutive:'] as const;

export const limitKeys = {
  /** Password attempts from one address. */
  passwordIp: (ip: string): RateLimitClaim => ({
    key: `pw:ip:${ip}`,
    limit: passwordAttemptsPerIp(),
    windowMs: PASSWORD_WINDOW_MS,
  }),
  /**
   * Password attempts for one account (a user id, or the identifier typed when no user has it);
   * a repeated lockout lasts longer each time. The second claim is the consecutive cap, which
   * re-authentication counts against too.
   */
  password: (account: string): [RateLimitClaim, RateLimitClaim] => [
    { key: `pw:acct:${account}`, limit: PASSWORD_FAILURES_PER_ACCOUNT, windowMs: PASSWORD_WINDOW_MS, backoff: true },
    consecutive('pw', account),
  ],
  /** Second-factor codes for one account, across all its challenges. */
  secondFactor: (userId: string): RateLimitClaim[] => [
    {
      key: `${SECOND_FACTOR_KEY_PREFIXES[0]}${userId}`,
      limit: SECOND_FACTOR_FAILURES_PER_ACCOUNT,
      windowMs: SECOND_FACTOR_WINDOW_MS,
    },
    consecutive('2fa', userId),
  ],
  /** Password re-confirmations of one signed-in user; a repeated lockout lasts longer each time. */
  reauth: (userId: string): RateLimitClaim => ({
    key: `reauth:${userId}`,
    limit: REAUTH_FAILURES_PER_ACCOUNT,
    windowMs: PASSWORD_WINDOW_MS,
    backoff: true,
  }),
  /** Status polls of one sign-in's Duo Push (the route handler long-polls Duo for the browser). */
  duoStatus: (challengeId: string): RateLimitClaim => ({
    key: `duo:status:${challengeId}`,
    limit: DUO_STATUS_POLLS_PER_CHALLENGE,
    windowMs: LOGIN_CHALLENGE_LIFETIME_MS,
  }),
  /** SMS/email codes: the resend cooldown of one challenge and channel, and hourly caps against SMS pumping. */
  codeSends: (input: {
    challengeId: string;
    channel: string;
    userId: string;
    destination: string;
  }): RateLimitClaim[] => [
    { key: `otp:send:${input.challengeId}:${input.channel}`, limit: 1, windowMs: LOGIN_CODE_RESEND_COOLDOWN_MS },
    { key: `otp:user:${input.userId}`, limit: LOGIN_CODES_PER_HOUR, windowMs: HOUR_MS },
    { key: `otp:dest:${input.destination}`, limit: LOGIN_CODES_PER_HOUR, windowMs: HOUR_MS },
  ],
  /** Calls to Duo made for one user's Duo Setup page (status polls, the barcode image). */
  duoSetup: (userId: string): RateLimitClaim => ({
    key: `duo:setup:${userId}`,
    limit: DUO_SETUP_CHECKS_PER_MINUTE,
    windowMs: MINUTE_MS,
  }),
} as const;

function consecutive(kind: 'pw' | '2fa', account: string): RateLimitClaim {
  // NIST SP 800-63B: never more than 100 failures in a row; only a success clears them.
  return {
    key: `${kind}:consecutive:${account}`,
    limit: CONSECUTIVE_FAILURES_LIMIT,
    windowMs: CONSECUTIVE_FAILURES_WINDOW_MS,
  };
}

const keysOf = (claims: RateLimitClaim[]) => claims.map((c) => c.key);

/** The second-factor counters of a user: what a successful sign-in and Reset 2FA clear. */
export const secondFactorKeys = (userId: string): string[] => keysOf(limitKeys.secondFactor(userId));

/** Every failure counter that can lock a user out of signing in: what an admin's Unlock clears. */
export const lockoutKeys = (userId: string): string[] => [
  ...keysOf(limitKeys.password(userId)),
  limitKeys.reauth(userId).key,
  ...secondFactorKeys(userId),
];
