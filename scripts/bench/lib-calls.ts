/**
 * The ONE place the benchmark touches the sign-in domain code. The floor server, the seeding and the
 * statement count call only these functions, so when lib/ is reorganised only this file moves.
 * Each function mirrors what the app's own path does:
 * - passwordStep: app/(auth)/login/actions.ts (checkPassword, then startChallenge);
 * - secondFactorStep: app/(auth)/login/verify/actions.ts (verifyChallenge) followed by
 *   lib/auth/auth.ts authorize() (redeemLoginChallenge, createSession, the session.created audit row).
 */
import type { Db } from '../../lib/db/client';
import { checkPassword } from '../../lib/accounts/check-password';
import { recordAudit } from '../../lib/audit/record';
import { createLoginChallenge, redeemLoginChallenge } from '../../lib/sessions/login-challenge';
import { createSession } from '../../lib/sessions/sessions';
import { startChallenge } from '../../lib/sessions/start-challenge';
import { verifyChallenge } from '../../lib/sessions/verify-challenge';

export type PasswordStepResult =
  | { ok: true; token: string; factorRequired: boolean }
  | { ok: false; reason: 'invalid' | 'api-account' }
  | { ok: false; reason: 'locked' | 'busy'; retryAfterSeconds: number };

/** Step one: identifier + password; on success a login challenge whose token goes in the cookie. */
export async function passwordStep(
  db: Db,
  input: { identifier: string; password: string; ip: string },
): Promise<PasswordStepResult> {
  const check = await checkPassword(db, input);
  if (!check.ok) return check;
  if (check.user.isApiAccount) return { ok: false, reason: 'api-account' };
  const started = await startChallenge(db, { user: check.user, ip: input.ip });
  return { ok: true, token: started.token, factorRequired: started.required };
}

export type SecondFactorStepResult = { ok: true; sessionId: string } | { ok: false; error: string };

/** Step two with an authenticator code: pass the challenge, redeem it once, open the session. */
export async function secondFactorStep(
  db: Db,
  input: { token: string; code: string; userAgent: string | null; ip: string },
): Promise<SecondFactorStepResult> {
  const outcome = await verifyChallenge(db, { token: input.token, method: 'totp', code: input.code });
  if (!outcome.ok) return { ok: false, error: outcome.error };
  const redeemed = await redeemLoginChallenge(db, input.token);
  if (!redeemed) return { ok: false, error: 'challenge could not be redeemed' };
  const session = await createSession(db, {
    userId: redeemed.userId,
    secondFactor: redeemed.secondFactor,
    userAgent: input.userAgent,
    ip: input.ip,
  });
  await recordAudit(db, {
    type: 'session.created',
    companyId: redeemed.companyId,
    actorUserId: redeemed.userId,
    targetUserId: redeemed.userId,
    detail: { secondFactor: redeemed.secondFactor },
    ip: session.ip,
  });
  return { ok: true, sessionId: session.id };
}

/** A challenge that waits for a second factor, as if the password step had just passed (for set-up only). */
export function openChallenge(db: Db, input: { userId: string; ip: string }): Promise<string> {
  return createLoginChallenge(db, { userId: input.userId, factorRequired: true, ip: input.ip });
}
