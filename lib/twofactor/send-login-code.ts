import type { Db } from '../db/client';
import { loginCodes, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { DeliveryError } from '../messaging/errors';
import { sendEmail } from '../messaging/send-email';
import { sendSms } from '../messaging/send-sms';
import { LoginCodeEmail } from '../messaging/templates/login-code';
import { HOUR_MS, LOGIN_CODE_LIFETIME_MS, LOGIN_CODE_RESEND_COOLDOWN_MS, LOGIN_CODES_PER_HOUR } from '../limits';
import { hitRateLimit, refundRateLimit } from '../rate-limit/hit';
import { maskEmail, maskPhone } from '../messaging/mask';
import { generateLoginCode, hashLoginCode } from './login-code';

export type Channel = 'sms' | 'email';
export type SendResult =
  | { ok: true; channel: Channel; destination: string; expiresAt: Date }
  | { ok: false; reason: 'cooldown' | 'limit'; retryAfterSeconds: number }
  | { ok: false; reason: 'delivery'; channel: Channel };

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
): Promise<SendResult> {
  const now = input.now ?? new Date();
  const { user, channel } = input;
  const destination = channel === 'sms' ? user.mobile : user.email;
  if (!destination) return { ok: false, reason: 'delivery', channel };
  // Claimed before sending, one upsert each, so parallel requests cannot all go out: the resend
  // cooldown of this sign-in, and hourly caps per user and per phone/mailbox (SMS pumping).
  const claims = [
    // Per channel: switching from SMS to email is at once; asking again on the same channel waits.
    { key: `otp:send:${input.challengeId}:${channel}`, limit: 1, windowMs: LOGIN_CODE_RESEND_COOLDOWN_MS },
    { key: `otp:user:${user.id}`, limit: LOGIN_CODES_PER_HOUR, windowMs: HOUR_MS },
    { key: `otp:dest:${destination}`, limit: LOGIN_CODES_PER_HOUR, windowMs: HOUR_MS },
  ];
  const refundAll = () => Promise.all(claims.map((c) => refundRateLimit(db, c.key)));
  const results = [];
  for (const claim of claims) results.push(await hitRateLimit(db, { ...claim, now }));
  const refused = results.findIndex((r) => !r.allowed);
  if (refused >= 0) {
    await refundAll();
    return {
      ok: false,
      reason: refused === 0 ? 'cooldown' : 'limit',
      retryAfterSeconds: results[refused].retryAfterSeconds,
    };
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
    await refundAll();
    await recordAudit(db, {
      type: 'otp.delivery_failed',
      companyId: user.companyId,
      targetUserId: user.id,
      detail: { channel, error: error.message },
    });
    return { ok: false, reason: 'delivery', channel };
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
  return { ok: true, channel, destination: maskedDestination(user, channel)!, expiresAt: row.expiresAt };
}
