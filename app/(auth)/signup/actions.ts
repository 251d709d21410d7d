'use server';

import { z } from 'zod';
import { requestSignUp } from '@/lib/accounts/request-sign-up';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@/lib/limits';
import { fieldErrorsFrom, type Result } from '@/lib/result';
import { tooLong } from '@/lib/field-messages';
import { EMAIL_MESSAGE, usernameField } from './fields';

// Every field is capped before any work (DESIGN §3), and an over-long one says so.
const schema = z.object({
  companyName: z.string().trim().min(1, 'Enter your company’s name.').max(NAME_MAX_LENGTH, tooLong(NAME_MAX_LENGTH)),
  name: z.string().trim().min(1, 'Enter your name.').max(NAME_MAX_LENGTH, tooLong(NAME_MAX_LENGTH)),
  email: z.string().trim().max(EMAIL_MAX_LENGTH, tooLong(EMAIL_MAX_LENGTH)).email(EMAIL_MESSAGE),
  username: usernameField,
  password: z.string().max(PASSWORD_MAX_LENGTH, tooLong(PASSWORD_MAX_LENGTH)),
});

type Values = { companyName: string; name: string; email: string; username: string };

/**
 * Step one of sign-up: always "check your email" (nothing says whether the address has an
 * account); the company is created when the emailed link is confirmed.
 */
export async function createAccount(_prev: unknown, formData: FormData): Promise<Result<{ email: string }, Values>> {
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
  return runAction<{ email: string }, Values>(async () => {
    const requested = await requestSignUp(getDb(), {
      ...parsed.data,
      username: parsed.data.username || null,
      ip: await clientIp(),
    });
    return requested.ok ? requested : { ...requested, values };
  }, values);
}
