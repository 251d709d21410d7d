'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { USERNAME_PATTERN } from '@/lib/accounts/normalize';
import { signUp } from '@/lib/accounts/sign-up';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { openChallenge } from '@/lib/sign-in/open-challenge';

const schema = z.object({
  companyName: z.string().trim().min(1, 'Enter your company’s name.').max(120, 'Use at most 120 characters.'),
  name: z.string().trim().min(1, 'Enter your name.').max(120, 'Use at most 120 characters.'),
  email: z.string().trim().max(320).email('Enter an email address like name@example.com.'),
  username: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || USERNAME_PATTERN.test(v),
      'Use 3–32 letters, digits, dots, dashes or underscores, or leave it empty.',
    ),
  password: z.string(),
});

type Values = { companyName: string; name: string; email: string; username: string };

export async function createAccount(_prev: unknown, formData: FormData): Promise<ActionResult<undefined, Values>> {
  const raw = Object.fromEntries(
    ['companyName', 'name', 'email', 'username', 'password'].map((k) => [k, String(formData.get(k) ?? '')]),
  );
  const values: Values = { companyName: raw.companyName, name: raw.name, email: raw.email, username: raw.username };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors, values };
  }
  const result = await runAction<string, Values>(async () => {
    const db = getDb();
    const ip = await clientIp();
    const created = await signUp(db, { ...parsed.data, username: parsed.data.username || null, ip });
    if (!created.ok)
      return {
        ok: false,
        error: created.error ?? 'Please correct the highlighted fields.',
        fieldErrors: created.fieldErrors,
        values,
      };
    return { ok: true, data: (await openChallenge(db, { userId: created.user.id, factorRequired: false, ip })).token };
  }, values);
  if (!result.ok) return result;
  return finishSignIn(result.data);
}
