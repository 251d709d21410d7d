'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { SECURITY_QUESTIONS, setSecurityQuestion } from '@/lib/accounts/set-security-question';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import {
  PASSWORD_INPUT_MAX_LENGTH,
  SECURITY_ANSWER_MAX_LENGTH,
  SECURITY_QUESTION_MAX_LENGTH,
  SECURITY_QUESTION_MIN_LENGTH,
} from '@/lib/limits';
import { ok, type Result } from '@/lib/result';

const schema = z.object({
  preset: z.string(),
  custom: z.string().trim().max(SECURITY_QUESTION_MAX_LENGTH).optional().default(''),
  answer: z.string().max(SECURITY_ANSWER_MAX_LENGTH),
  password: z.string().min(1).max(PASSWORD_INPUT_MAX_LENGTH),
});

type Values = { preset: string; custom: string };

export async function setQuestionAction(_prev: unknown, formData: FormData): Promise<Result<undefined, Values>> {
  const { user } = await requireUser();
  const parsed = schema.safeParse(Object.fromEntries(formData));
  const values = { preset: String(formData.get('preset') ?? ''), custom: String(formData.get('custom') ?? '') };
  if (!parsed.success)
    return { ok: false, error: 'Choose a question, give an answer and enter your password.', values };
  const { preset, custom, answer, password } = parsed.data;
  const question = preset === 'custom' ? custom : SECURITY_QUESTIONS.find((q) => q === preset);
  if (!question || question.length < SECURITY_QUESTION_MIN_LENGTH) {
    return {
      ok: false,
      error: `Choose a question from the list or write your own (at least ${SECURITY_QUESTION_MIN_LENGTH} characters).`,
      fieldErrors: { custom: 'Write your question.' },
      values,
    };
  }
  return runAction(async () => {
    const result = await setSecurityQuestion(getDb(), { user, password, question, answer, ip: await clientIp() });
    if (!result.ok) return { ...result, values };
    revalidatePath('/account/security');
    return ok();
  }, values);
}
