import type { Policy } from '../twofactor/policy';

/**
 * What a user stuck at the challenge has lost, and so which proofs recovery may still ask for:
 * the emailed link proves the requester reads the account's inbox, which is worth nothing (and
 * a dead end) when that inbox is where their sign-in codes go.
 */
export type RecoveryPath = {
  /** The second factor the user cannot use: the authenticator (and backup codes), or a channel of codes. */
  lost: 'authenticator' | 'email' | 'sms';
  /** The request waits for the emailed link before it reaches the admins. */
  confirmByEmail: boolean;
};

export function recoveryPathFor(policy: Pick<Policy, 'methods' | 'otpChannel'>): RecoveryPath {
  if (policy.methods.includes('totp')) return { lost: 'authenticator', confirmByEmail: true };
  // Codes go by SMS to users with a mobile, and email is offered beside it: the inbox still works.
  if (policy.otpChannel === 'sms') return { lost: 'sms', confirmByEmail: true };
  return { lost: 'email', confirmByEmail: false };
}
