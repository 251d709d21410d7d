'use server';

import { z } from 'zod';
import { confirmSignUp, SIGN_UP_LINK_INVALID } from '@/lib/accounts/confirm-sign-up';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { LINK_TOKEN_MAX_LENGTH, LINK_TOKEN_MIN_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';
import { openChallenge } from '@/lib/sign-in/open-challenge';
import { usernameField } from '../../fields';

const token = z
  .string()
  .min(LINK_TOKEN_MIN_LENGTH)
  .max(LINK_TOKEN_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/);

type Values = { username: string };

/**
 * The POST behind the emailed sign-up link's button (fetching the link creates nothing): creates
 * the company and its admin, then signs them in. The token is bound by the page.
 */
export async function confirmSignUpAction(
  linkToken: string,
  _prev: unknown,
  formData: FormData,
): Promise<Result<undefined, Values>> {
  const values = { username: String(formData.get('username') ?? '') };
  const parsedToken = token.safeParse(linkToken);
  if (!parsedToken.success) return { ...fail(SIGN_UP_LINK_INVALID), values };
  const username = usernameField.safeParse(values.username);
  if (!username.success)
    return { ...fail('Please correct the username.', { fieldErrors: fieldErrorsFrom(username.error) }), values };
  const result = await runAction<string, Values>(async () => {
    const db = getDb();
    const ip = await clientIp();
    const created = await confirmSignUp(db, { token: parsedToken.data, username: username.data || null, ip });
    if (!created.ok) return { ...created, values };
    return ok((await openChallenge(db, { userId: created.data.id, factorRequired: false, ip })).token);
  }, values);
  if (!result.ok) return result;
  return finishSignIn(result.data);
}
