import type { Db } from '../db/client';
import { securityQuestions, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { SECURITY_ANSWER_MIN_LENGTH } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { confirmRecentOrPassword } from '../twofactor/confirm-recent';
import { normalizeSecurityAnswer } from '../accounts/normalize';

/** The questions offered in the list; a user may also write their own. */
export const SECURITY_QUESTIONS = [
  'What was the name of your first school?',
  'In which city did your parents meet?',
  'What was the make and model of your first car?',
  'What is the name of a teacher who influenced you?',
  'What was your childhood nickname?',
] as const;

/**
 * Sets or replaces the user's security question (after the password, or within the session's
 * re-authentication window); the answer is stored only as an argon2id hash.
 */
export async function setSecurityQuestion(
  db: Db,
  input: {
    user: User;
    sessionId?: string | null;
    password?: string | null;
    question: string;
    answer: string;
    ip?: string | null;
  },
): Promise<Result> {
  const answer = normalizeSecurityAnswer(input.answer);
  if (answer.length < SECURITY_ANSWER_MIN_LENGTH) {
    const error = `Use an answer of at least ${SECURITY_ANSWER_MIN_LENGTH} characters.`;
    return fail(error, { fieldErrors: { answer: error } });
  }
  const reauth = await confirmRecentOrPassword(db, input);
  if (!reauth.ok) return reauth;
  const answerHash = await hashPassword(answer);
  await db.transaction(async (tx) => {
    await tx
      .insert(securityQuestions)
      .values({ userId: input.user.id, question: input.question, answerHash })
      .onConflictDoUpdate({
        target: securityQuestions.userId,
        set: { question: input.question, answerHash, setAt: new Date() },
      });
    await recordAudit(tx, {
      type: 'security_question.set',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      ip: input.ip,
    });
  });
  await notifyUser(db, {
    user: input.user,
    subject: 'Your security question was set',
    paragraphs: [
      'You set a security question on your Latchkey account. Support may ask it, along with other checks, if you ever lose your phone and backup codes.',
    ],
  });
  return ok();
}
