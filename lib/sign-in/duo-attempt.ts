import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditRowSql } from '../audit/record';
import { CHALLENGE_MAX_ATTEMPTS } from '../limits';
import { countAttemptsSql } from '../rate-limit/hit';
import { limitKeys } from '../rate-limit/limit-keys';
import type { OpenChallenge } from './find-challenge';

/** What Duo decided about one attempt: `sent` is a push or call started (its answer comes later). */
export type DuoOutcome = 'allow' | 'deny' | 'fraud' | 'timeout' | 'sent';
export type DuoDecision = {
  outcome: DuoOutcome;
  /** push, phone, passcode, or bypass (preauth let the user in without a prompt). */
  factor: string;
  txid?: string;
  /** Duo's status and words, kept for the audit log. */
  status?: string;
  statusMsg?: string;
};
export type DuoAttempt = { passed: boolean; attempts: number | null; blockedUntil: string | null };

const AUDIT_TYPES: Record<DuoOutcome, string | null> = {
  allow: 'auth.second_factor_passed',
  deny: 'auth.duo_refused',
  timeout: 'auth.duo_refused',
  fraud: 'auth.duo_fraud',
  sent: null,
};

/** The audit row of a Duo decision: Duo's txid, factor, status and words. */
export function duoAuditDetail(decision: DuoDecision) {
  return {
    method: 'duo',
    factor: decision.factor,
    txid: decision.txid ?? null,
    duoStatus: decision.status ?? decision.outcome,
    statusMsg: decision.statusMsg ?? null,
  };
}

/**
 * Counts one Duo attempt (a passcode, a bypass, or a push or call just started) against the
 * challenge and the account, exactly as a typed code is counted, and applies Duo's decision in the
 * same statement: `allow` passes the challenge, anything else uses up one try; `sent` also binds
 * the push's txid to this challenge (`bindUntil`), so only this challenge's poll can settle it.
 * Nothing happens while the account is locked out or once the challenge has no tries left.
 */
export async function recordDuoAttempt(
  db: DbOrTx,
  input: { open: OpenChallenge; decision: DuoDecision; bindUntil?: Date; now: Date },
): Promise<DuoAttempt> {
  const { open, decision, now } = input;
  const { challenge, user } = open;
  const claims = limitKeys.secondFactor(user.id);
  const at = sql`${now.toISOString()}::timestamptz`;
  const passes = decision.outcome === 'allow';
  const bind =
    decision.outcome === 'sent' && decision.txid && input.bindUntil
      ? sql`, duo_txid = ${decision.txid}, duo_txid_expires_at = ${input.bindUntil.toISOString()}::timestamptz`
      : sql``;
  const type = AUDIT_TYPES[decision.outcome];
  const audit = type
    ? sql`, audit as (${auditRowSql(
        {
          type,
          companyId: user.companyId,
          actorUserId: user.id,
          targetUserId: user.id,
          detail: duoAuditDetail(decision),
          ip: challenge.ip,
        },
        sql`exists (select 1 from challenge)`,
      )})`
    : sql``;
  const [row] = (await db.execute(sql`
    with hit as (${countAttemptsSql(claims, now)}),
    blocked as (
      select window_ends_at from hit
      where ${sql.join(
        claims.map((c) => sql`(key = ${c.key} and count > ${c.limit})`),
        sql` or `,
      )}
    ),
    challenge as (
      update login_challenges
      set attempts = attempts + ${passes ? 0 : 1},
          passed_at = ${passes ? at : sql`null`},
          passed_method = ${passes ? 'duo' : null}
          ${bind}
      where id = ${challenge.id} and passed_at is null and expires_at > ${at} and attempts < ${CHALLENGE_MAX_ATTEMPTS}
        and not exists (select 1 from blocked)
      returning attempts, passed_at
    )
    ${audit}
    select (select passed_at is not null from challenge) as passed, (select attempts from challenge) as attempts,
      (select max(window_ends_at) from blocked) as blocked_until
  `)) as unknown as Array<{ passed: boolean | null; attempts: number | null; blocked_until: string | null }>;
  return { passed: Boolean(row?.passed), attempts: row?.attempts ?? null, blockedUntil: row?.blocked_until ?? null };
}

/**
 * Applies Duo's final answer about the push or call bound to this challenge, once: the txid is
 * cleared by the same UPDATE that passes the challenge (allow), so a second poll, a cancel or a txid
 * of another challenge finds nothing to settle. The try was counted when the push was sent.
 * Returns null when there was nothing to settle.
 */
export async function settleDuoTxid(
  db: DbOrTx,
  input: { open: OpenChallenge; decision: DuoDecision & { txid: string }; now: Date },
): Promise<{ passed: boolean; attempts: number } | null> {
  const { open, decision, now } = input;
  const { challenge, user } = open;
  const at = sql`${now.toISOString()}::timestamptz`;
  const passes = decision.outcome === 'allow';
  const type = AUDIT_TYPES[decision.outcome] ?? 'auth.duo_refused';
  const [row] = (await db.execute(sql`
    with settled as (
      update login_challenges
      set duo_txid = null, duo_txid_expires_at = null,
          passed_at = ${passes ? at : sql`null`}, passed_method = ${passes ? 'duo' : null}
      where id = ${challenge.id} and duo_txid = ${decision.txid} and passed_at is null and expires_at > ${at}
      returning attempts, passed_at
    ),
    audit as (${auditRowSql(
      {
        type,
        companyId: user.companyId,
        actorUserId: user.id,
        targetUserId: user.id,
        detail: duoAuditDetail(decision),
        ip: challenge.ip,
      },
      sql`exists (select 1 from settled)`,
    )})
    select (select passed_at is not null from settled) as passed, (select attempts from settled) as attempts
  `)) as unknown as Array<{ passed: boolean | null; attempts: number | null }>;
  if (!row || row.attempts === null) return null;
  return { passed: Boolean(row.passed), attempts: row.attempts };
}

/** Forgets the push or call this challenge waits for (the user cancelled it); its try stays counted. */
export async function clearDuoTxid(db: DbOrTx, input: { challengeId: string }): Promise<boolean> {
  const rows = (await db.execute(sql`
    update login_challenges set duo_txid = null, duo_txid_expires_at = null
    where id = ${input.challengeId} and duo_txid is not null and passed_at is null
    returning id
  `)) as unknown as unknown[];
  return rows.length > 0;
}
