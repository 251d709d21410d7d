import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { loadPolicy } from '../twofactor/requirement';
import { sendLoginCode } from '../twofactor/send-login-code';
import { openLoginChallenge } from './login-challenge';

export type StartedChallenge = { token: string; required: boolean; sendFailed: boolean };

/**
 * After a proven password: creates the sign-in challenge and, when the method offered first is
 * an SMS/email code, sends it right away so the user does not have to ask for it.
 */
export async function startChallenge(db: Db, input: { user: User; ip?: string | null }): Promise<StartedChallenge> {
  const policy = await loadPolicy(db, input.user);
  const { id, token } = await openLoginChallenge(db, {
    userId: input.user.id,
    factorRequired: policy.required,
    ip: input.ip,
  });
  if (!policy.required || policy.methods[0] !== 'otp') return { token, required: policy.required, sendFailed: false };
  const sent = await sendLoginCode(db, { challengeId: id, user: input.user, channel: policy.otpChannel });
  return { token, required: true, sendFailed: !sent.ok };
}
