import type { DbOrTx } from '../db/client';
import { decideDuoAuth } from '../duo/decide-duo-auth';
import { fail, ok, type Result } from '../result';
import { recordDuoAttempt } from './duo-attempt';
import { duoFor, duoUnavailable, refusal, type DuoSignInFailure } from './duo-factor';
import { findChallenge } from './find-challenge';
import { EXPIRED_MESSAGE } from './messages';

const WRONG_PASSCODE = 'That passcode isn’t right. Use the newest one from Duo Mobile or your token.';
const PASSCODE = /^\d{6,8}$/;

/**
 * A passcode from Duo Mobile or a hardware token, checked by Duo (async=1, so the decision has a
 * txid for the audit log), then counted and applied in one statement like any typed code: right
 * passes the challenge, wrong uses up a try of the challenge and the account.
 */
export async function verifyDuoPasscode(
  db: DbOrTx,
  input: { token: string; passcode: string; now?: Date },
): Promise<Result<{ method: 'duo' }> | DuoSignInFailure> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const duo = duoFor(open);
  if ('ok' in duo) return duo;
  const passcode = input.passcode.replace(/\s+/g, '');
  if (!PASSCODE.test(passcode)) return fail('A Duo passcode is 6 to 8 digits.');
  const sent = await duo.client.auth({
    username: duo.username,
    factor: 'passcode',
    passcode,
    ipaddr: open.challenge.ip ?? undefined,
    async: true,
  });
  if (!sent.ok) return duoUnavailable(db, { open, failure: sent, step: 'passcode' });
  const answer = await duo.client.authStatus(sent.data.txid);
  if (!answer.ok) return duoUnavailable(db, { open, failure: answer, step: 'passcode' });
  const decided = decideDuoAuth(answer.data);
  const { status, status_msg: statusMsg } = answer.data;
  const decision = {
    outcome: decided === 'allow' ? ('allow' as const) : ('deny' as const),
    factor: 'passcode',
    txid: sent.data.txid,
    status,
    statusMsg,
  };
  const attempt = await recordDuoAttempt(db, { open, decision, now });
  if (attempt.passed) return ok({ method: 'duo' });
  return refusal(attempt, WRONG_PASSCODE, now);
}
