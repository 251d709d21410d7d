'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { SECURITY_QUESTIONS, setSecurityQuestion } from '@/lib/accounts/security-question';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';

const schema = z.object({
  preset: z.string(),
  custom: z.string().trim().max(200).optional().default(''),
  answer: z.string().max(200),
  password: z.string().min(1).max(1024),
});

type Values = { preset: string; custom: string };

export async function setQuestionAction(_prev: unknown, formData: FormData): Promise<ActionResult<undefined, Values>> {
  const { user } = await requireUser();
  const parsed = schema.safeParse(Object.fromEntries(formData));
  const values = { preset: String(formData.get('preset') ?? ''), custom: String(formData.get('custom') ?? '') };
  if (!parsed.success)
    return { ok: false, error: 'Choose a question, give an answer and enter your password.', values };
  const { preset, custom, answer, password } = parsed.data;
  const question = preset === 'custom' ? custom : SECURITY_QUESTIONS.find((q) => q === preset);
  if (!question || question.length < 10) {
    return {
      ok: false,
      error: 'Choose a question from the list or write your own (at least 10 characters).',
      fieldErrors: { custom: 'Write your question.' },
      values,
    };
  }
  return runAction(async () => {
    const result = await setSecurityQuestion(getDb(), { user, password, question, answer, ip: await clientIp() });
    if (!result.ok)
      return {
        ok: false,
        error: result.error,
        fieldErrors: result.field ? { [result.field]: result.error } : undefined,
        values,
      };
    revalidatePath('/account/security');
    return { ok: true, data: undefined };
  }, values);
}
