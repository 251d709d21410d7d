'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { SECURITY_QUESTIONS, setSecurityQuestion } from '@/lib/recovery/set-security-question';
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
import { fieldErrorsFrom, ok, type Result } from '@/lib/result';

const schema = z.object({
  preset: z.string(),
  custom: z.string().trim().max(SECURITY_QUESTION_MAX_LENGTH).optional().default(''),
  answer: z.string().trim().min(1, 'Enter an answer.').max(SECURITY_ANSWER_MAX_LENGTH),
  password: z.string().max(PASSWORD_INPUT_MAX_LENGTH).optional(),
});

type Values = { preset: string; custom: string };

export async function setQuestionAction(_prev: unknown, formData: FormData): Promise<Result<undefined, Values>> {
  const { user, session } = await requireUser();
  const parsed = schema.safeParse(Object.fromEntries(formData));
  const values = { preset: String(formData.get('preset') ?? ''), custom: String(formData.get('custom') ?? '') };
  if (!parsed.success)
    return {
      ok: false,
      error: 'Choose a question and give an answer.',
      fieldErrors: fieldErrorsFrom(parsed.error),
      values,
    };
  const { preset, custom, answer, password } = parsed.data;
  const question = preset === 'custom' ? custom : SECURITY_QUESTIONS.find((q) => q === preset);
  if (!question || question.length < SECURITY_QUESTION_MIN_LENGTH) {
    const error = `Write your question (at least ${SECURITY_QUESTION_MIN_LENGTH} characters), or choose one from the list.`;
    return { ok: false, error, fieldErrors: preset === 'custom' ? { custom: error } : { preset: error }, values };
  }
  return runAction(async () => {
    const ip = await clientIp();
    const result = await setSecurityQuestion(getDb(), { user, sessionId: session.id, password, question, answer, ip });
    if (!result.ok) return { ...result, values };
    revalidatePath('/account/security');
    return ok();
  }, values);
}
