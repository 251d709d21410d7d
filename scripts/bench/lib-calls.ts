/**
 * The ONE place the benchmark touches the sign-in domain code. The floor server, the seeding and the
 * statement count call only these functions, so when lib/ is reorganised only this file moves.
 * Each function makes the same lib calls as the app's own path:
 * - passwordStep: app/(auth)/login/actions.ts (startSignIn);
 * - secondFactorStep: app/(auth)/login/verify/actions.ts (verifyFactor) followed by
 *   lib/auth/auth.ts authorize() (redeemChallenge);
 * - apiMe: app/api/v1/me/route.ts (lib/api/respond.ts withApiAccount → authenticateApi).
 */
import type { Db } from '../../lib/db/client';
import { authenticateApi } from '../../lib/api/authenticate-api';
import { openChallenge as openLibChallenge } from '../../lib/sign-in/open-challenge';
import { redeemChallenge } from '../../lib/sign-in/redeem-challenge';
import { startSignIn } from '../../lib/sign-in/start-sign-in';
import { verifyFactor } from '../../lib/sign-in/verify-factor';

export type PasswordStepResult =
  | { ok: true; token: string; factorRequired: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked' | 'busy'; retryAfterSeconds: number };

/** Step one: identifier + password; on success a login challenge whose token goes in the cookie. */
export async function passwordStep(
  db: Db,
  input: { identifier: string; password: string; ip: string },
): Promise<PasswordStepResult> {
  const started = await startSignIn(db, input);
  if (started.ok) return { ok: true, token: started.data.token, factorRequired: started.data.required };
  if (!started.retryAfterSeconds) return { ok: false, reason: 'invalid' };
  const reason = /busy/.test(started.error) ? 'busy' : 'locked';
  return { ok: false, reason, retryAfterSeconds: started.retryAfterSeconds };
}

export type SecondFactorStepResult = { ok: true; sessionId: string } | { ok: false; error: string };

/** Step two with an authenticator code: pass the challenge, then redeem it once for a session. */
export async function secondFactorStep(
  db: Db,
  input: { token: string; code: string; userAgent: string | null; ip: string },
): Promise<SecondFactorStepResult> {
  const passed = await verifyFactor(db, { token: input.token, method: 'totp', code: input.code });
  if (!passed.ok) return { ok: false, error: passed.error };
  const redeemed = await redeemChallenge(db, { token: input.token, userAgent: input.userAgent, ip: input.ip });
  if (!redeemed) return { ok: false, error: 'challenge could not be redeemed' };
  return { ok: true, sessionId: redeemed.sessionId };
}

/** A challenge that waits for a second factor, as if the password step had just passed (for set-up only). */
export async function openChallenge(db: Db, input: { userId: string; ip: string }): Promise<string> {
  return (await openLibChallenge(db, { userId: input.userId, factorRequired: true, ip: input.ip })).token;
}

/** GET /api/v1/me: authenticate the call (key or Basic), then the account as JSON, as the route answers. */
export async function apiMe(
  db: Db,
  input: { authorization: string | null; ip: string },
): Promise<{ status: number; body: unknown; retryAfterSeconds?: number }> {
  const auth = await authenticateApi(db, input);
  if (!auth.ok) return { status: auth.status, body: { error: auth.error }, retryAfterSeconds: auth.retryAfterSeconds };
  const { user, role } = auth.data;
  return {
    status: 200,
    body: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: role.name,
      permissions: role.permissions,
      companyId: user.companyId,
    },
  };
}
