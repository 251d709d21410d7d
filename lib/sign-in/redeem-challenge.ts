import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { hashToken } from '../crypto/tokens';
import { newSessionValues } from '../sessions/sessions';
import type { ChallengeMethod } from '../twofactor/policy';
import { SECOND_FACTOR_KEY_PREFIXES } from '../rate-limit/limit-keys';

export type Redeemed = {
  sessionId: string;
  userId: string;
  companyId: string;
  secondFactor: boolean;
  /** The second factor that passed the challenge, if one did ('recovery': an admin's approval stood in for it). */
  method: ChallengeMethod | 'recovery' | 'trusted_browser' | null;
};

/**
 * Exchanges a passed, unexpired challenge for a session, exactly once, in one statement: the
 * challenge is deleted by the same statement that reads it (a second exchange finds nothing), and
 * the session row (living as long as the company allows), the user's last sign-in, the audit row
 * and the clearing of the second-factor counters commit with it, or none of them do.
 */
export async function redeemChallenge(
  db: DbOrTx,
  input: { token: string; userAgent?: string | null; ip?: string | null; now?: Date },
): Promise<Redeemed | null> {
  const now = input.now ?? new Date();
  const v = newSessionValues({ userId: '', secondFactor: true, userAgent: input.userAgent, ip: input.ip, now });
  const at = sql`${now.toISOString()}::timestamptz`;
  const prefixes = sql.join(
    SECOND_FACTOR_KEY_PREFIXES.map((p) => sql`${p}`),
    sql`, `,
  );
  const [row] = (await db.execute(sql`
    with redeemed as (
      delete from login_challenges
      where token_hash = ${hashToken(input.token)} and passed_at is not null and expires_at > ${at}
      returning user_id, factor_required, passed_method
    ),
    signed_in as (
      update users set last_sign_in_at = ${at} from redeemed
      where users.id = redeemed.user_id and not users.disabled and not users.is_api_account
      returning users.id, users.company_id, redeemed.factor_required, redeemed.passed_method
    ),
    company as (select session_lifetime_hours from companies where id = (select company_id from signed_in)),
    session as (
      insert into sessions (user_id, second_factor_at, user_agent, ip, created_at, last_seen_at, expires_at)
      select id, case when factor_required then ${at} end, ${v.userAgent}, ${v.ip}, ${at}, ${at},
        ${at} + make_interval(hours => (select session_lifetime_hours from company))
      from signed_in
      returning id
    ),
    audit as (
      insert into audit_events (type, company_id, actor_user_id, target_user_id, detail, ip)
      select 'session.created', company_id, id, id,
        jsonb_strip_nulls(jsonb_build_object('secondFactor', factor_required, 'method', passed_method)), ${v.ip}
      from signed_in
    ),
    cleared as (
      delete from rate_limits where key in (
        select key from rate_limits where key in (select p || s.id from unnest(array[${prefixes}]) p, signed_in s)
        order by key for update
      )
    )
    select session.id as session_id, signed_in.id as user_id, signed_in.company_id, signed_in.factor_required,
      signed_in.passed_method
    from session, signed_in
  `)) as unknown as Array<{
    session_id: string;
    user_id: string;
    company_id: string;
    factor_required: boolean;
    passed_method: ChallengeMethod | 'recovery' | 'trusted_browser' | null;
  }>;
  if (!row) return null;
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    companyId: row.company_id,
    secondFactor: row.factor_required,
    method: row.passed_method,
  };
}
