import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditRowSql } from '../audit/record';
import { CHALLENGE_MAX_ATTEMPTS } from '../limits';
import { countAttemptsSql, formatWait } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import type { ChallengeMethod } from '../twofactor/policy';
import { checkFactor, count, type FactorCheck, type FactorRow } from './factor-checks';
import { findChallenge, type OpenChallenge } from './find-challenge';
import { limitKeys } from '../rate-limit/limit-keys';
import { EXPIRED_MESSAGE, METHOD_UNAVAILABLE_MESSAGE, TOO_MANY_FOR_CHALLENGE_MESSAGE } from './messages';

export type PassedFactor = { method: ChallengeMethod; userId: string; backupCodesLeft?: number };

type Answer = FactorRow & { passed: boolean | null; attempts: number | null; blocked_until: string | null };

/**
 * Checks a second factor for a sign-in challenge and, on success, marks the challenge passed so
 * Auth.js can exchange it for a session once (redeemChallenge). Two statements: one read that
 * brings the challenge, user, policy, authenticator and sent code together, and one that counts
 * the attempt against the account's limits, consumes the factor, passes the challenge and writes
 * the audit row, each step only if the one before it held. Every attempt is counted before its
 * result is known, so parallel guesses on any number of challenges and app instances cannot
 * together pass the limits; a correct code during a lockout is refused too.
 */
export async function verifyFactor(
  db: DbOrTx,
  input: { token: string; method: ChallengeMethod; code: string; now?: Date },
): Promise<Result<PassedFactor>> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const { challenge } = open;
  if (challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) return fail(TOO_MANY_FOR_CHALLENGE_MESSAGE, { restart: true });
  // The method must be one the policy offers this user now (e.g. not TOTP once the company disallows it).
  if (!open.policy.methods.includes(input.method)) return fail(METHOD_UNAVAILABLE_MESSAGE);
  const factor = checkFactor(open, input.method, input.code, now);
  if ('refuse' in factor) return fail(factor.refuse);
  return applyFactor(db, { open, method: input.method, factor, now });
}

/**
 * The check-and-consume statement of verifyFactor, for a factor already checked in memory (a code,
 * or a passkey's signature): counts the attempt, consumes the factor, passes the challenge and
 * writes the audit row, each only if the one before it held; then words the answer.
 */
export async function applyFactor(
  db: DbOrTx,
  input: { open: OpenChallenge; method: ChallengeMethod; factor: Exclude<FactorCheck, { refuse: string }>; now: Date },
): Promise<Result<PassedFactor>> {
  const { open, factor, now } = input;
  const { challenge, user } = open;
  const claims = limitKeys.secondFactor(user.id);
  const at = sql`${now.toISOString()}::timestamptz`;
  const stillOpen = sql`id = ${challenge.id} and passed_at is null and expires_at > ${at} and attempts < ${CHALLENGE_MAX_ATTEMPTS}`;
  // The factor is spent only while the challenge is still open as of now, not as of this statement's
  // snapshot: `open_challenge` locks the row and re-reads it, so of two codes racing on one
  // challenge the loser finds it passed and uses nothing up.
  const guard = sql`not exists (select 1 from blocked) and exists (select 1 from open_challenge)`;
  const passedFactor = sql`coalesce((select bool_or(passed) from factor), false)`;
  const [answer] = (await db.execute(sql`
    with hit as (${countAttemptsSql(claims, now)}),
    blocked as (
      select window_ends_at from hit
      where ${sql.join(
        claims.map((c) => sql`(key = ${c.key} and count > ${c.limit})`),
        sql` or `,
      )}
    ),
    open_challenge as (select id from login_challenges where ${stillOpen} for update),
    factor as (${factor.consume ? factor.consume(guard) : sql`select false as passed, null::int as tries`}),
    challenge as (
      update login_challenges
      set attempts = attempts + case when ${passedFactor} then 0 else 1 end,
          passed_at = case when ${passedFactor} then ${at} end,
          passed_method = case when ${passedFactor} then ${input.method} end
      where ${stillOpen} and not exists (select 1 from blocked)
      returning attempts, passed_at
    ),
    audit as (${auditRowSql(
      {
        type: 'auth.second_factor_passed',
        companyId: user.companyId,
        actorUserId: user.id,
        targetUserId: user.id,
        detail: { method: input.method },
        ip: challenge.ip,
      },
      sql`exists (select 1 from challenge where passed_at is not null)`,
    )})
    select (select passed_at is not null from challenge) as passed, (select attempts from challenge) as attempts,
      (select max(window_ends_at) from blocked) as blocked_until, (select max(tries) from factor) as tries,
      ${factor.columns}
  `)) as unknown as Answer[];

  if (answer.passed) {
    return ok({ method: input.method, userId: user.id, backupCodesLeft: factor.backupCodesLeft?.(answer) });
  }
  if (answer.blocked_until) {
    const seconds = Math.max(1, Math.ceil((new Date(answer.blocked_until).getTime() - now.getTime()) / 1000));
    return fail(`Too many wrong codes for this account. For your security, try again in ${formatWait(seconds)}.`, {
      retryAfterSeconds: seconds,
    });
  }
  // The challenge was passed, used up or expired by a parallel request in the meantime.
  if (answer.attempts === null) return fail(EXPIRED_MESSAGE, { restart: true });
  const left = CHALLENGE_MAX_ATTEMPTS - answer.attempts;
  const error = factor.failure(answer);
  if (left === 0) return fail(`${error} No tries left: sign in again with your password.`, { restart: true });
  // One count (docs/GLOSSARY.md): a sent code may have fewer tries left than the sign-in itself.
  const codeLeft = factor.triesLeft?.(answer) ?? null;
  if (codeLeft === 0) return fail(error);
  return fail(`${error} ${count(Math.min(left, codeLeft ?? left), 'try', 'tries')} left.`);
}
