import type { Db } from '../db/client';
import { fail, ok, type Result } from '../result';
import { sendLoginCode } from './send-code';
import { checkPassword } from './check-password';
import { findAccount, type Account } from '../accounts/find-account';
import { policyOf } from './find-challenge';
import { API_ACCOUNT_MESSAGE } from './messages';
import { openChallenge } from './open-challenge';
import { findApprovedRecovery } from './approved-recovery';
import { findTrustedBrowser } from '../sessions/trusted-browsers';

/** `trusted`: the browser's trust stood in for the second factor; the challenge is already passed. */
export type StartedSignIn = { token: string; required: boolean; sendFailed: boolean; trusted?: boolean };

/**
 * Step one of a web sign-in: the password is checked, the policy decides whether a second factor
 * applies, the challenge is opened and, when the first method offered is an SMS/email code, the
 * code is sent right away so the user does not have to ask for it. `trustedBrowser` is the token of
 * the browser's trusted-browser cookie (its signature already checked): when it is this user's and
 * still within the company's trust period, the challenge is born passed by it. The password is
 * always checked first.
 */
export async function startSignIn(
  db: Db,
  input: { identifier: string; password: string; ip: string; trustedBrowser?: string | null },
): Promise<Result<StartedSignIn>> {
  const check = await checkPassword(db, input);
  if (!check.ok) return check;
  if (check.data.user.isApiAccount) return fail(API_ACCOUNT_MESSAGE);
  return ok(await beginChallenge(db, { ...check.data, ip: input.ip, trustedBrowser: input.trustedBrowser }));
}

/**
 * A session that began before its company required 2FA trades itself for a challenge: the same
 * second step as a fresh sign-in, for a user already known.
 */
export async function startStepUp(db: Db, input: { userId: string; ip: string | null }): Promise<StartedSignIn | null> {
  const account = await findAccount(db, { userId: input.userId });
  return account ? beginChallenge(db, { ...account, ip: input.ip }) : null;
}

async function beginChallenge(
  db: Db,
  input: Account & { ip: string | null; trustedBrowser?: string | null },
): Promise<StartedSignIn> {
  const policy = policyOf(input);
  const trusted =
    policy.required && input.trustedBrowser
      ? await findTrustedBrowser(db, {
          userId: input.user.id,
          token: input.trustedBrowser,
          companyDays: input.company.trustedBrowserDays,
        })
      : null;
  const { id, token } = await openChallenge(db, {
    userId: input.user.id,
    factorRequired: policy.required,
    passedMethod: trusted ? 'trusted_browser' : undefined,
    ip: input.ip,
  });
  if (trusted) return { token, required: true, sendFailed: false, trusted: true };
  if (!policy.required || policy.methods[0] !== 'otp') return { token, required: policy.required, sendFailed: false };
  // An approved recovery stands in for the code: do not send one to the inbox or phone the user lost.
  if (await findApprovedRecovery(db, { userId: input.user.id })) return { token, required: true, sendFailed: false };
  const sent = await sendLoginCode(db, { challengeId: id, user: input.user, channel: policy.otpChannel });
  return { token, required: true, sendFailed: !sent.ok };
}
