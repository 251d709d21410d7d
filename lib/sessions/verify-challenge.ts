import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginChallenges, users, type LoginChallenge, type User } from '../db/schema';
import { hashToken } from '../crypto/tokens';
import { formatWait, hitRateLimit, resetRateLimit } from '../rate-limit/hit';
import {
  CHALLENGE_MAX_ATTEMPTS,
  CONSECUTIVE_FAILURES_LIMIT,
  CONSECUTIVE_FAILURES_WINDOW_MS,
  SECOND_FACTOR_FAILURES_PER_ACCOUNT,
  SECOND_FACTOR_WINDOW_MS,
} from '../limits';
import { redeemBackupCode } from '../twofactor/backup-code-store';
import { checkTotp } from '../twofactor/totp';
import { consumeTotpStep, findTotpCredential, readTotpSecret } from '../twofactor/totp-credential';
import {
  REPLAYED_TOTP_MESSAGE,
  USED_BACKUP_CODE_MESSAGE,
  WRONG_BACKUP_CODE_MESSAGE,
  WRONG_TOTP_MESSAGE,
} from '../twofactor/messages';
import type { ChallengeMethod } from '../twofactor/policy';
import { notifyUser } from '../messaging/notify-user';
import { recordAudit } from '../audit/record';
import { checkLoginCode } from '../twofactor/check-login-code';
import { loadPolicy } from '../twofactor/requirement';

/** The second-factor failure counters of an account: per window, and consecutive (max 100). */
export const secondFactorLimitKeys = (userId: string) => [`2fa:acct:${userId}`, `2fa:consecutive:${userId}`];

export type OpenChallenge = { challenge: LoginChallenge; user: User };

/** The unexpired challenge behind a cookie that still waits for a second factor, with its user. */
export async function findOpenChallenge(db: Db, token: string, now = new Date()): Promise<OpenChallenge | null> {
  const [row] = await db
    .select({ challenge: loginChallenges, user: users })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .where(
      and(
        eq(loginChallenges.tokenHash, hashToken(token)),
        isNull(loginChallenges.passedAt),
        gt(loginChallenges.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type VerifyResult =
  { ok: true; method: ChallengeMethod; backupCodesLeft?: number } | { ok: false; error: string; restart?: boolean };

const EXPIRED = 'This sign-in has expired. Sign in again with your password.';

/**
 * Checks a second factor for a sign-in challenge and, on success, marks the challenge passed so
 * Auth.js can exchange it for a session once. Tries are limited per challenge (the count is
 * raised in the same statement that checks it) and per account across challenges.
 */
export async function verifyChallenge(
  db: Db,
  input: { token: string; method: ChallengeMethod; code: string; now?: Date },
): Promise<VerifyResult> {
  const now = input.now ?? new Date();
  const open = await findOpenChallenge(db, input.token, now);
  if (!open) return { ok: false, error: EXPIRED, restart: true };
  const { challenge, user } = open;

  const [counted] = await db
    .update(loginChallenges)
    .set({ attempts: sql`${loginChallenges.attempts} + 1` })
    .where(and(eq(loginChallenges.id, challenge.id), lt(loginChallenges.attempts, CHALLENGE_MAX_ATTEMPTS)))
    .returning({ attempts: loginChallenges.attempts });
  if (!counted) {
    await db.delete(loginChallenges).where(eq(loginChallenges.id, challenge.id));
    return {
      ok: false,
      error: 'Too many wrong codes for this sign-in. Sign in again with your password.',
      restart: true,
    };
  }
  const accountKeys = secondFactorLimitKeys(user.id);
  const perAccount = await hitRateLimit(db, {
    key: accountKeys[0],
    limit: SECOND_FACTOR_FAILURES_PER_ACCOUNT,
    windowMs: SECOND_FACTOR_WINDOW_MS,
    now,
  });
  const consecutive = await hitRateLimit(db, {
    key: accountKeys[1],
    limit: CONSECUTIVE_FAILURES_LIMIT,
    windowMs: CONSECUTIVE_FAILURES_WINDOW_MS,
    now,
  });
  const blocked = [perAccount, consecutive].find((r) => !r.allowed);
  if (blocked) {
    return {
      ok: false,
      error: `Too many wrong codes for this account. For your security, try again in ${formatWait(blocked.retryAfterSeconds)}.`,
    };
  }

  // The method must be one the policy offers this user now (e.g. not TOTP once the company disallows it).
  const policy = await loadPolicy(db, user);
  if (!policy.methods.includes(input.method))
    return { ok: false, error: 'That method is not available for your account. Choose another one.' };
  const outcome = await checkFactor(db, {
    challengeId: challenge.id,
    user,
    method: input.method,
    code: input.code,
    now,
  });
  if (!outcome.ok) {
    const left = CHALLENGE_MAX_ATTEMPTS - counted.attempts;
    return {
      ok: false,
      error: left > 0 ? `${outcome.error} ${left} ${left === 1 ? 'try' : 'tries'} left.` : outcome.error,
      restart: left === 0,
    };
  }
  const passed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(loginChallenges)
      .set({ passedAt: now })
      .where(and(eq(loginChallenges.id, challenge.id), isNull(loginChallenges.passedAt)))
      .returning({ id: loginChallenges.id });
    if (rows.length === 1) {
      await recordAudit(tx, {
        type: 'auth.second_factor_passed',
        companyId: user.companyId,
        actorUserId: user.id,
        targetUserId: user.id,
        detail: { method: input.method },
        ip: challenge.ip,
      });
    }
    return rows.length === 1;
  });
  if (!passed) return { ok: false, error: EXPIRED, restart: true };
  for (const key of accountKeys) await resetRateLimit(db, key);
  if (input.method === 'backup') {
    const left = outcome.backupCodesLeft ?? 0;
    await notifyUser(db, {
      user,
      subject: 'A backup code was used to sign in',
      paragraphs: [
        `Someone signed in to your Latchkey account with one of your backup codes. You have ${left} backup code${left === 1 ? '' : 's'} left.`,
        left <= 2 ? 'You are running low: create a new set from Account › Security.' : 'Each code works once.',
      ],
    });
  }
  return { ok: true, method: input.method, backupCodesLeft: outcome.backupCodesLeft };
}

async function checkFactor(
  db: Db,
  input: { challengeId: string; user: User; method: ChallengeMethod; code: string; now: Date },
): Promise<{ ok: true; backupCodesLeft?: number } | { ok: false; error: string }> {
  if (input.method === 'otp')
    return checkLoginCode(db, { challengeId: input.challengeId, code: input.code, now: input.now });
  if (input.method === 'backup') {
    const use = await redeemBackupCode(db, { userId: input.user.id, code: input.code, now: input.now });
    if (use.ok) return { ok: true, backupCodesLeft: use.remaining };
    return { ok: false, error: use.reason === 'used' ? USED_BACKUP_CODE_MESSAGE : WRONG_BACKUP_CODE_MESSAGE };
  }
  const credential = await findTotpCredential(db, input.user.id);
  if (!credential?.confirmedAt)
    return { ok: false, error: 'No authenticator app is set up for this account. Use a backup code.' };
  const check = checkTotp({ secret: readTotpSecret(credential), code: input.code, now: input.now });
  if (!check.valid) return { ok: false, error: WRONG_TOTP_MESSAGE };
  // Consume the step before issuing anything: a code must not be used twice.
  if (!(await consumeTotpStep(db, { userId: input.user.id, step: check.timeStep })))
    return { ok: false, error: REPLAYED_TOTP_MESSAGE };
  return { ok: true };
}
