import type { Db } from '../db/client';
import { securityQuestions, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { notifyUser } from '../messaging/notify-user';
import { confirmPassword } from './confirm-password';

export const SECURITY_QUESTIONS = [
  'What was the name of your first school?',
  'In which city did your parents meet?',
  'What was the make and model of your first car?',
  'What is the name of a teacher who influenced you?',
  'What was your childhood nickname?',
] as const;

export const SECURITY_ANSWER_MIN_LENGTH = 3;

/** Trim, case-fold, collapse inner spaces: "  New  York " and "new york" are the same answer. */
export function normalizeSecurityAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().toLocaleLowerCase('en').replace(/\s+/g, ' ');
}

/** Sets or replaces the user's security question; the answer is stored only as an argon2id hash. */
export async function setSecurityQuestion(
  db: Db,
  input: { user: User; password: string; question: string; answer: string; ip?: string | null },
): Promise<{ ok: true } | { ok: false; error: string; field?: 'password' | 'answer' }> {
  const answer = normalizeSecurityAnswer(input.answer);
  if (answer.length < SECURITY_ANSWER_MIN_LENGTH) {
    return { ok: false, error: `Use an answer of at least ${SECURITY_ANSWER_MIN_LENGTH} characters.`, field: 'answer' };
  }
  const reauth = await confirmPassword(db, { userId: input.user.id, password: input.password });
  if (!reauth.ok) return { ...reauth, field: 'password' };
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
  return { ok: true };
}
