import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recoveryRequests, securityQuestions, type User } from '../db/schema';
import { normalizeSecurityAnswer } from '../accounts/normalize';
import { appUrl } from '../app-url';
import { formatDuration } from '../format-duration';
import { recordAudit } from '../audit/record';
import { hashToken, newToken } from '../crypto/tokens';
import { verifyPassword } from '../crypto/password';
import {
  HOUR_MS,
  RECOVERY_ANSWER_TRIES_PER_DAY,
  RECOVERY_ANSWER_WINDOW_MS,
  RECOVERY_REQUEST_LIFETIME_MS,
} from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { hitRateLimit } from '../rate-limit/hit';
import { findChallenge } from '../sign-in/find-challenge';
import { recoveryCancelToken } from './cancel-token';
import { maskEmail } from '../messaging/mask';
import { fail, ok, type Result } from '../result';

/** The same words whether the answer is wrong or no question exists: nothing to learn from it. */
export const WRONG_ANSWER_MESSAGE = 'That answer didn’t match. Check it and try again.';
export const RECOVERY_RESTART_MESSAGE =
  'This sign-in has expired. Sign in again with your password, then ask for help again.';
export const OPEN_STATUSES = ['awaiting_email', 'awaiting_admin'] as const;

/**
 * Step one of support-assisted recovery, for a sign-in whose password is proven (`token` is its
 * challenge cookie). A correct security answer only opens a request awaiting the email link: it
 * removes nothing (ASVS V6.4.2). Tries are counted per user per day before the answer is checked.
 * A new request cancels the user's earlier open one.
 */
export async function startRecovery(
  db: Db,
  input: { token: string; answer: string; ip?: string | null; now?: Date },
): Promise<Result<{ requestId: string; maskedEmail: string }>> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(RECOVERY_RESTART_MESSAGE, { restart: true });
  const { user } = open;

  const limit = await hitRateLimit(db, {
    key: `recovery:answer:${user.id}`,
    limit: RECOVERY_ANSWER_TRIES_PER_DAY,
    windowMs: RECOVERY_ANSWER_WINDOW_MS,
    now,
  });
  if (!limit.allowed) {
    const hours = Math.ceil((limit.retryAfterSeconds * 1000) / HOUR_MS);
    return fail(
      `Too many tries. For your security, try again in ${hours} hour${hours === 1 ? '' : 's'}, or contact your administrator.`,
    );
  }

  const [question] = await db
    .select({ answerHash: securityQuestions.answerHash })
    .from(securityQuestions)
    .where(eq(securityQuestions.userId, user.id));
  // Without a question, verifyPassword still does the full hash work: same time, same message.
  if (!(await verifyPassword(question?.answerHash, normalizeSecurityAnswer(input.answer)))) {
    await recordAudit(db, {
      type: 'recovery.answer_failed',
      companyId: user.companyId,
      targetUserId: user.id,
      ip: input.ip,
    });
    return fail(WRONG_ANSWER_MESSAGE);
  }

  const requestId = randomUUID();
  const emailToken = newToken();
  const cancelToken = recoveryCancelToken(requestId);
  await db.transaction(async (tx) => {
    await tx.insert(recoveryRequests).values({
      id: requestId,
      userId: user.id,
      companyId: user.companyId,
      status: 'awaiting_email',
      answerVerifiedAt: now,
      emailTokenHash: hashToken(emailToken),
      cancelTokenHash: hashToken(cancelToken),
      ip: input.ip ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RECOVERY_REQUEST_LIFETIME_MS),
    });
    await recordAudit(tx, {
      type: 'recovery.started',
      companyId: user.companyId,
      targetUserId: user.id,
      detail: { requestId },
      ip: input.ip,
    });
  });

  if (!(await sendStartedEmail(db, { user, emailToken, cancelToken }))) {
    // The new request goes; an earlier one (perhaps already with the admins) stays as it was.
    await db
      .update(recoveryRequests)
      .set({ status: 'cancelled', resolvedAt: now })
      .where(and(eq(recoveryRequests.id, requestId), eq(recoveryRequests.status, 'awaiting_email')));
    return fail('We couldn’t send the email just now, so nothing was started. Please try again in a few minutes.');
  }
  // Only once the new link is on its way does it replace the user's earlier open requests (one
  // open request per user; of two started at once, the later one stays).
  await db
    .update(recoveryRequests)
    .set({ status: 'cancelled', resolvedAt: now })
    .where(
      and(
        eq(recoveryRequests.userId, user.id),
        inArray(recoveryRequests.status, [...OPEN_STATUSES]),
        ne(recoveryRequests.id, requestId),
        lte(recoveryRequests.createdAt, now),
      ),
    );
  return ok({ requestId, maskedEmail: maskEmail(user.email) });
}

function sendStartedEmail(db: Db, input: { user: User; emailToken: string; cancelToken: string }): Promise<boolean> {
  return notifyUser(db, {
    user: input.user,
    subject: 'Confirm your recovery request',
    paragraphs: [
      'Someone signed in to your Latchkey account with your password, answered your security question and asked for help because they lost their authenticator app and backup codes.',
      `If this was you, confirm this email address to send the request to your company’s administrators: ${appUrl(`/recover/confirm/${input.emailToken}`)}`,
      `If this wasn’t you, cancel the request and change your password: ${appUrl(`/recover/cancel/${input.cancelToken}`)}`,
      `The links work for ${formatDuration(RECOVERY_REQUEST_LIFETIME_MS)}. Nothing about how you sign in changes unless an administrator approves the request.`,
    ],
  });
}
