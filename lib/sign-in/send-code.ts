import type { Db } from '../db/client';
import { loginCodes, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { DeliveryError } from '../messaging/errors';
import { sendEmail } from '../messaging/send-email';
import { sendSms } from '../messaging/send-sms';
import { LoginCodeEmail } from '../messaging/templates/login-code';
import { LOGIN_CODE_LIFETIME_MS } from '../limits';
import { firstRefusal, formatWait, hitRateLimits, refundRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { findChallenge } from './find-challenge';
import { EXPIRED_MESSAGE } from './messages';
import { limitKeys } from '../rate-limit/limit-keys';
import { maskEmail, maskPhone } from '../messaging/mask';
import { generateLoginCode, hashLoginCode } from '../twofactor/login-code';

export type Channel = 'sms' | 'email';
export type SentCode = { channel: Channel; destination: string; expiresAt: Date };

const CHANNEL_NAMES = { sms: 'by text message', email: 'by email' } as const;
const undelivered = (channel: Channel) =>
  fail(
    `We couldn’t send your sign-in code ${CHANNEL_NAMES[channel]}. Try again${channel === 'sms' ? ' or get it by email instead' : ''}. Nothing was used up.`,
  );

/** Where a channel delivers for this user, masked for display; null if the user has no mobile. */
export function maskedDestination(user: User, channel: Channel): string | null {
  if (channel === 'sms') return user.mobile ? maskPhone(user.mobile) : null;
  return maskEmail(user.email);
}

/**
 * Sends a new 6-digit code for a sign-in challenge by SMS or email. The new code replaces the old
 * one (which stops working) only once the provider accepted it: if sending fails, nothing is
 * consumed, the old code still works, and the failure is audited.
 */
export async function sendLoginCode(
  db: Db,
  input: { challengeId: string; user: User; channel: Channel; now?: Date },
): Promise<Result<SentCode>> {
  const now = input.now ?? new Date();
  const { user, channel } = input;
  const destination = channel === 'sms' ? user.mobile : user.email;
  if (!destination) return undelivered(channel);
  // Claimed before sending, in one upsert, so parallel requests cannot all go out: the resend
  // cooldown of this sign-in and channel, and hourly caps per user and per phone/mailbox (SMS pumping).
  const claims = limitKeys.codeSends({ challengeId: input.challengeId, channel, userId: user.id, destination });
  const keys = claims.map((c) => c.key);
  const refused = firstRefusal(await hitRateLimits(db, claims, now));
  if (refused) {
    await refundRateLimits(db, keys);
    const seconds = refused.retryAfterSeconds;
    return refused.index === 0
      ? fail(`Please wait ${seconds} seconds before asking for a new code.`, { retryAfterSeconds: seconds })
      : fail(`Too many codes were sent recently. Try again in ${formatWait(seconds)}, or use another method.`, {
          retryAfterSeconds: seconds,
        });
  }

  const code = generateLoginCode();
  const minutes = LOGIN_CODE_LIFETIME_MS / 60_000;
  try {
    if (channel === 'sms') {
      await sendSms(db, {
        to: destination,
        body: `${code} is your Latchkey sign-in code. It expires in ${minutes} minutes. Never share it.`,
      });
    } else {
      await sendEmail(db, {
        to: destination,
        subject: `${code} is your Latchkey sign-in code`,
        react: LoginCodeEmail({ name: user.name, code, minutes }),
      });
    }
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    await refundRateLimits(db, keys);
    await recordAudit(db, {
      type: 'otp.delivery_failed',
      companyId: user.companyId,
      targetUserId: user.id,
      detail: { channel, error: error.message },
    });
    return undelivered(channel);
  }
  const row = {
    channel,
    destination,
    codeHash: hashLoginCode(input.challengeId, code),
    attempts: 0,
    sentAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_CODE_LIFETIME_MS),
    consumedAt: null,
  };
  await db
    .insert(loginCodes)
    .values({ challengeId: input.challengeId, ...row })
    .onConflictDoUpdate({ target: loginCodes.challengeId, set: row });
  return ok({ channel, destination: maskedDestination(user, channel)!, expiresAt: row.expiresAt });
}

/** Sends (or re-sends) the SMS/email code of the sign-in behind `token`. */
export async function sendChallengeCode(db: Db, input: { token: string; channel: Channel }): Promise<Result<SentCode>> {
  const open = await findChallenge(db, input.token);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  if (!open.policy.methods.includes('otp'))
    return fail('Sign-in codes by text message or email are not available for your account.');
  return sendLoginCode(db, { challengeId: open.challenge.id, user: open.user, channel: input.channel });
}
