'use server';

import { z } from 'zod';
import { USERNAME_PATTERN } from '@/lib/accounts/normalize';
import { signUp } from '@/lib/accounts/sign-up';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '@/lib/limits';
import { fieldErrorsFrom, ok, type Result } from '@/lib/result';
import { openChallenge } from '@/lib/sign-in/open-challenge';

const TOO_LONG = `Use at most ${NAME_MAX_LENGTH} characters.`;
const EMAIL = 'Enter an email address like name@example.com.';

const schema = z.object({
  companyName: z.string().trim().min(1, 'Enter your company’s name.').max(NAME_MAX_LENGTH, TOO_LONG),
  name: z.string().trim().min(1, 'Enter your name.').max(NAME_MAX_LENGTH, TOO_LONG),
  email: z.string().trim().max(EMAIL_MAX_LENGTH, EMAIL).email(EMAIL),
  username: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || USERNAME_PATTERN.test(v),
      `Use ${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits, dots, dashes or underscores, or leave it empty.`,
    ),
  password: z.string(),
});

type Values = { companyName: string; name: string; email: string; username: string };

export async function createAccount(_prev: unknown, formData: FormData): Promise<Result<undefined, Values>> {
  const raw = Object.fromEntries(
    ['companyName', 'name', 'email', 'username', 'password'].map((k) => [k, String(formData.get(k) ?? '')]),
  );
  const values: Values = { companyName: raw.companyName, name: raw.name, email: raw.email, username: raw.username };
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: 'Please correct the highlighted fields.',
      fieldErrors: fieldErrorsFrom(parsed.error),
      values,
    };
  const result = await runAction<string, Values>(async () => {
    const db = getDb();
    const ip = await clientIp();
    const created = await signUp(db, { ...parsed.data, username: parsed.data.username || null, ip });
    if (!created.ok) return { ...created, values };
    return ok((await openChallenge(db, { userId: created.data.id, factorRequired: false, ip })).token);
  }, values);
  if (!result.ok) return result;
  return finishSignIn(result.data);
}
