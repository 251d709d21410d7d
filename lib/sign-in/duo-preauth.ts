import type { DbOrTx } from '../db/client';
import { recordAudit } from '../audit/record';
import type { DuoDevice } from '../duo/types';
import { fail, ok, type Result } from '../result';
import { duoAuditDetail, recordDuoAttempt } from './duo-attempt';
import { duoFor, duoUnavailable, refusal, type DuoSignInFailure } from './duo-factor';
import { findChallenge, type OpenChallenge } from './find-challenge';
import { EXPIRED_MESSAGE } from './messages';

/** A device as the challenge page offers it. */
export type DuoChoice = { id: string; name: string; push: boolean; phone: boolean };

/** What Duo's preauth means for this sign-in. */
export type DuoOptions =
  | { result: 'auth'; devices: DuoChoice[]; passcode: boolean }
  | { result: 'allow' | 'deny' | 'enroll'; message: string };

const choice = (d: DuoDevice): DuoChoice => ({
  id: d.device,
  name: d.display_name || d.name || (d.type === 'token' ? 'Hardware token' : 'Your phone'),
  push: Boolean(d.capabilities?.includes('push')),
  phone: Boolean(d.capabilities?.includes('phone')),
});

/**
 * Asks Duo's preauth what this user may do (username, the address the sign-in came from): the
 * devices and factors to offer, or that Duo lets them in, refuses them, or wants them enrolled.
 * A refusal is audited with Duo's words. Duo down → a failure that offers the SMS/email fallback.
 */
export async function duoOptions(db: DbOrTx, open: OpenChallenge): Promise<Result<DuoOptions> | DuoSignInFailure> {
  const duo = duoFor(open);
  if ('ok' in duo) return duo;
  const answer = await duo.client.preauth({ username: duo.username, ipaddr: open.challenge.ip ?? undefined });
  if (!answer.ok) return duoUnavailable(db, { open, failure: answer, step: 'preauth' });
  const { result, status_msg: message, devices = [] } = answer.data;
  if (result === 'deny') {
    await recordAudit(db, {
      type: 'auth.duo_refused',
      companyId: open.user.companyId,
      actorUserId: open.user.id,
      targetUserId: open.user.id,
      detail: duoAuditDetail({ outcome: 'deny', factor: 'preauth', status: 'deny', statusMsg: message }),
      ip: open.challenge.ip,
    });
  }
  if (result !== 'auth') return ok({ result, message });
  return ok({
    result,
    devices: devices.filter((d) => d.type === 'phone' || d.capabilities?.length).map(choice),
    // Duo Mobile shows passcodes; a hardware token is a device of type "token".
    passcode: devices.some((d) => d.type === 'token' || d.capabilities?.includes('mobile_otp')),
  });
}

/**
 * Preauth said "allow" (a Duo bypass): asked again here, on the server, and only then the challenge
 * passes, counted and audited like any factor with Duo's words.
 */
export async function passDuoBypass(
  db: DbOrTx,
  input: { token: string; now?: Date },
): Promise<Result<{ method: 'duo' }> | DuoSignInFailure> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const duo = duoFor(open);
  if ('ok' in duo) return duo;
  const answer = await duo.client.preauth({ username: duo.username, ipaddr: open.challenge.ip ?? undefined });
  if (!answer.ok) return duoUnavailable(db, { open, failure: answer, step: 'preauth' });
  if (answer.data.result !== 'allow') return fail('Duo now asks you to confirm it’s you. Reload the page.');
  const decision = { outcome: 'allow' as const, factor: 'bypass', status: 'bypass', statusMsg: answer.data.status_msg };
  const attempt = await recordDuoAttempt(db, { open, decision, now });
  return attempt.passed
    ? ok({ method: 'duo' })
    : refusal(attempt, 'Duo let you in, but this sign-in can’t go on.', now);
}
