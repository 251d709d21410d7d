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
  RECOVERY_SIGN_IN_LIFETIME_MS,
} from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { hitRateLimit } from '../rate-limit/hit';
import { findChallenge } from '../sign-in/find-challenge';
import { recoveryCancelToken } from './cancel-token';
import { maskEmail } from '../messaging/mask';
import { notifyCompanyAdmins } from '../messaging/notify-company-admins';
import { fail, ok, type Result } from '../result';
import { recoveryPathFor } from './recovery-path';

/** The same words whether the answer is wrong or no question exists: nothing to learn from it. */
export const WRONG_ANSWER_MESSAGE = 'That answer didn’t match. Check it and try again.';
export const RECOVERY_RESTART_MESSAGE =
  'This sign-in has expired. Sign in again with your password, then ask for help again.';
export const OPEN_STATUSES = ['awaiting_email', 'awaiting_admin'] as const;

export type StartedRecovery = {
  requestId: string;
  maskedEmail: string;
  /** Where the request waits: for the emailed link, or already with the admins. */
  awaiting: 'email' | 'admin';
};

/**
 * Step one of support-assisted recovery, for a sign-in whose password is proven (`token` is its
 * challenge cookie). A correct security answer only opens a request: it removes nothing (ASVS
 * V6.4.2). The request waits for the emailed link, unless that inbox is where the user's sign-in
 * codes go (the very thing they lost): then it goes to the admins at once, whose identity check
 * is the proof, and the email only lets a real owner who still reads it cancel. A user without a
 * security question can ask this way too (the password is proven; the admin checks the rest).
 * Tries are counted per user per day before the answer is checked. A new request cancels the
 * user's earlier open one.
 */
export async function startRecovery(
  db: Db,
  input: { token: string; answer: string | null; ip?: string | null; now?: Date },
): Promise<Result<StartedRecovery>> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(RECOVERY_RESTART_MESSAGE, { restart: true });
  const { user } = open;
  const { confirmByEmail } = recoveryPathFor(open.policy);

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
  const askAnswer = Boolean(question) || confirmByEmail;
  // Without a question, verifyPassword still does the full hash work: same time, same message.
  if (askAnswer && !(await verifyPassword(question?.answerHash, normalizeSecurityAnswer(input.answer ?? '')))) {
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
      status: confirmByEmail ? 'awaiting_email' : 'awaiting_admin',
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
      detail: confirmByEmail ? { requestId } : { requestId, emailLink: 'skipped: sign-in codes go to that inbox' },
      ip: input.ip,
    });
  });

  if (!confirmByEmail) {
    await replaceEarlierRequests(db, { userId: user.id, requestId, now });
    await sendStraightToAdmins(db, { user, cancelToken });
    return ok({ requestId, maskedEmail: maskEmail(user.email), awaiting: 'admin' });
  }
  if (!(await sendStartedEmail(db, { user, emailToken, cancelToken }))) {
    // The new request goes; an earlier one (perhaps already with the admins) stays as it was.
    await db
      .update(recoveryRequests)
      .set({ status: 'cancelled', resolvedAt: now })
      .where(and(eq(recoveryRequests.id, requestId), eq(recoveryRequests.status, 'awaiting_email')));
    return fail('We couldn’t send the email just now, so nothing was started. Please try again in a few minutes.');
  }
  // Only once the new link is on its way does it replace the user's earlier open requests.
  await replaceEarlierRequests(db, { userId: user.id, requestId, now });
  return ok({ requestId, maskedEmail: maskEmail(user.email), awaiting: 'email' });
}

/** One open request per user; of two started at once, the later one stays. */
async function replaceEarlierRequests(db: Db, input: { userId: string; requestId: string; now: Date }) {
  await db
    .update(recoveryRequests)
    .set({ status: 'cancelled', resolvedAt: input.now })
    .where(
      and(
        eq(recoveryRequests.userId, input.userId),
        inArray(recoveryRequests.status, [...OPEN_STATUSES]),
        ne(recoveryRequests.id, input.requestId),
        lte(recoveryRequests.createdAt, input.now),
      ),
    );
}

/** The user's sign-in codes go to their inbox: the request skips the link, and the admins hear at once. */
async function sendStraightToAdmins(db: Db, input: { user: User; cancelToken: string }) {
  const { user } = input;
  await notifyUser(db, {
    user,
    subject: 'Your recovery request was sent to your administrators',
    paragraphs: [
      'Someone signed in to your Latchkey account with your password and asked your company’s administrators to let them in without a sign-in code, because they can’t open this inbox.',
      `If this wasn’t you, cancel the request and change your password: ${appUrl(`/recover/cancel/${input.cancelToken}`)}`,
    ],
  });
  await notifyCompanyAdmins(db, {
    permission: 'users:2fa',
    companyId: user.companyId,
    subject: `Recovery request from ${user.name}`,
    paragraphs: [
      `${user.name} (${user.email}) signed in with their password but can’t get their sign-in code, because they can’t open the inbox it goes to.`,
      `Before you approve, make sure you are talking to ${user.name}: call them on a number you already know, or meet in person. Then open ${appUrl('/admin/users')} and approve the request. They can then sign in once with their password alone, within ${formatDuration(RECOVERY_SIGN_IN_LIFETIME_MS)}.`,
    ],
  });
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
