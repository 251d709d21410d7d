import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { passwordResets, type User } from '../db/schema';
import { appUrl } from '../app-url';
import { recordAudit } from '../audit/record';
import { hashToken, newToken } from '../crypto/tokens';
import { hitRateLimit } from '../rate-limit/hit';
import { notifyUser } from '../messaging/notify-user';
import {
  HOUR_MS,
  PASSWORD_RESET_LIFETIME_MS,
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
  PASSWORD_RESETS_PER_IP_PER_HOUR,
} from '../limits';
import { formatDuration } from '../format-duration';
import { fail, ok, type Result } from '../result';
import { findAccount } from './find-account';
import { normalizeEmail } from './normalize';

/**
 * "Forgot password": emails a single-use link (PASSWORD_RESET_LIFETIME_MS) to an account that can use one.
 * The answer never says whether an account exists; the email goes out after the response (not
 * awaited), so timing does not tell either. Requests are limited per address and per IP.
 * A reset changes only the password: the second factor is still asked for at sign-in.
 */
export async function requestPasswordReset(db: Db, input: { email: string; ip: string; now?: Date }): Promise<Result> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const perIp = await hitRateLimit(db, {
    key: `reset:ip:${input.ip}`,
    limit: PASSWORD_RESETS_PER_IP_PER_HOUR,
    windowMs: HOUR_MS,
    now,
  });
  if (!perIp.allowed) return fail('Too many requests from your network. Try again later.');
  const perEmail = await hitRateLimit(db, {
    key: `reset:email:${email}`,
    limit: PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
    windowMs: HOUR_MS,
    now,
  });
  const user = (await findAccount(db, { identifier: email }))?.user;
  if (!perEmail.allowed || !user || user.email !== email || user.disabled || user.isApiAccount || !user.passwordHash)
    return ok();

  const token = newToken();
  await db.transaction(async (tx) => {
    // One live link at a time: an older one stops working.
    await tx
      .update(passwordResets)
      .set({ expiresAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS),
    });
    await recordAudit(tx, {
      type: 'password.reset_requested',
      companyId: user.companyId,
      targetUserId: user.id,
      ip: input.ip,
    });
  });
  void sendResetEmail(db, user, token);
  return ok();
}

async function sendResetEmail(db: Db, user: User, token: string): Promise<void> {
  await notifyUser(db, {
    user,
    subject: 'Reset your Latchkey password',
    paragraphs: [
      `To choose a new password, open this link within ${formatDuration(PASSWORD_RESET_LIFETIME_MS)}: ${appUrl(`/reset-password/${token}`)}`,
      'The link works once. Your second factor is still asked for when you sign in.',
    ],
    footer: 'If you did not ask for this, ignore this email: your password stays as it is.',
  });
}
