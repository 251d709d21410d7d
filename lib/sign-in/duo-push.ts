import type { DbOrTx } from '../db/client';
import { decideDuoAuth } from '../duo/decide-duo-auth';
import { DUO_PUSH_WAIT_MS } from '../limits';
import { hitRateLimits } from '../rate-limit/hit';
import { limitKeys } from '../rate-limit/limit-keys';
import { fail, ok, type Result } from '../result';
import { clearDuoTxid, recordDuoAttempt, settleDuoTxid, type DuoOutcome } from './duo-attempt';
import { duoFor, duoUnavailable, refusal, type DuoSignInFailure } from './duo-factor';
import { findChallenge } from './find-challenge';
import { EXPIRED_MESSAGE } from './messages';

export type DuoCallFactor = 'push' | 'phone';

/** What the challenge page shows while it waits for a push or call. */
export type DuoPushState =
  | { state: 'waiting'; message: string }
  | { state: 'approved' }
  | { state: 'denied' | 'fraud' | 'timeout'; message: string; restart?: boolean }
  | { state: 'none' };

const SENT = { push: 'Push sent', phone: 'Calling' } as const;
const REFUSED: Record<'deny' | 'fraud' | 'timeout', string> = {
  deny: 'The Duo Push was denied.',
  fraud: 'The Duo Push was reported as fraud: we did not sign you in, and your administrator can see this.',
  timeout: 'The Duo Push timed out: nobody answered it.',
};

/**
 * Starts a Duo Push (or a phone call) for this sign-in: Duo is asked with async=1 for a txid, then
 * one statement counts the try and binds the txid to this challenge (never to anything the browser
 * sends), so only this challenge's status poll can pass it. Duo down: nothing counted or bound.
 */
export async function startDuoPush(
  db: DbOrTx,
  input: { token: string; device: string; factor: DuoCallFactor; now?: Date },
): Promise<Result<{ message: string }> | DuoSignInFailure> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const duo = duoFor(open);
  if ('ok' in duo) return duo;
  const sent = await duo.client.auth({
    username: duo.username,
    factor: input.factor,
    device: input.device || 'auto',
    ipaddr: open.challenge.ip ?? undefined,
    type: 'Latchkey sign-in',
    async: true,
  });
  if (!sent.ok) return duoUnavailable(db, { open, failure: sent, step: input.factor });
  const attempt = await recordDuoAttempt(db, {
    open,
    decision: { outcome: 'sent', factor: input.factor, txid: sent.data.txid },
    bindUntil: new Date(now.getTime() + DUO_PUSH_WAIT_MS),
    now,
  });
  if (attempt.attempts === null || attempt.blockedUntil) return refusal(attempt, '', now);
  return ok({ message: SENT[input.factor] });
}

/**
 * The status of the push or call this challenge waits for, from Duo (auth_status long-polls), for the
 * txid stored on the challenge only. A final answer is settled once: approval passes the challenge
 * for the usual redeem; denial, fraud and a timeout leave the try counted and are audited.
 */
export async function pollDuoPush(
  db: DbOrTx,
  input: { token: string; now?: Date },
): Promise<Result<DuoPushState> | DuoSignInFailure> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const { duoTxid: txid, duoTxidExpiresAt: until } = open.challenge;
  if (!txid) return ok({ state: 'none' });
  const duo = duoFor(open);
  if ('ok' in duo) return duo;
  const [polls] = await hitRateLimits(db, [limitKeys.duoStatus(open.challenge.id)], now);
  if (!polls.allowed) {
    return fail('The page asked Duo too often. Wait a moment, then reload it.', {
      retryAfterSeconds: polls.retryAfterSeconds,
    });
  }
  const settle = async (outcome: DuoOutcome, status: string, statusMsg: string) => {
    const decision = { outcome, factor: 'push', txid, status, statusMsg };
    const settled = await settleDuoTxid(db, { open, decision, now: new Date() });
    if (!settled) return ok<DuoPushState>({ state: 'none' });
    if (settled.passed) return ok<DuoPushState>({ state: 'approved' });
    const kind = outcome === 'fraud' ? 'fraud' : outcome === 'timeout' ? 'timeout' : 'deny';
    const words = refusal({ attempts: settled.attempts }, REFUSED[kind], now);
    const state = kind === 'deny' ? 'denied' : kind;
    return ok<DuoPushState>({ state, message: words.error, restart: words.restart });
  };
  // Duo gives up after a minute; past our own deadline the push counts as timed out whatever happens.
  if (until && until <= now) return settle('timeout', 'timeout', 'No answer in time.');
  const answer = await duo.client.authStatus(txid);
  if (!answer.ok) return duoUnavailable(db, { open, failure: answer, step: 'auth_status' });
  const decided = decideDuoAuth(answer.data);
  if (decided === 'waiting') return ok({ state: 'waiting', message: answer.data.status_msg });
  if (decided === 'allow') return settle('allow', answer.data.status, answer.data.status_msg);
  const status = answer.data.status;
  return settle(
    status === 'fraud' ? 'fraud' : status === 'timeout' ? 'timeout' : 'deny',
    status,
    answer.data.status_msg,
  );
}

/** Cancels the push or call this sign-in waits for: a late approval can no longer pass it. */
export async function cancelDuoPush(db: DbOrTx, input: { token: string; now?: Date }): Promise<Result> {
  const open = await findChallenge(db, input.token, input.now ?? new Date());
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  await clearDuoTxid(db, { challengeId: open.challenge.id });
  return ok();
}
