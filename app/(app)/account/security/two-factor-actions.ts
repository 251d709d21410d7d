'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { CODE_INPUT_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH, TOTP_DIGITS } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';
import { disableTwoFactor } from '@/lib/twofactor/disable-2fa';
import { enableTotp } from '@/lib/twofactor/enable-totp';
import { regenerateBackupCodes } from '@/lib/twofactor/regenerate-backup-codes';
import { beginTotpSetup, cancelTotpSetup } from '@/lib/twofactor/totp-credential';

/** Absent inside the re-authentication window: the lib decides, from the session row, whether it is needed. */
const password = z.string().max(PASSWORD_INPUT_MAX_LENGTH).optional();
const withPassword = z.object({ password });
export type CodesResult = Result<{ codes: string[]; createdAt: string }>;

const stamp = () => new Date().toISOString().slice(0, 10);

/** "Set up authenticator app": the pending secret is created here, never while the page renders. */
export async function beginSetupAction(): Promise<void> {
  const { user } = await requireUser();
  await beginTotpSetup(getDb(), user.id);
  revalidatePath('/account/security');
}

export async function cancelSetupAction(): Promise<void> {
  const { user } = await requireUser();
  await cancelTotpSetup(getDb(), user.id);
  revalidatePath('/account/security');
}

/**
 * No revalidation on success: the codes live only in this answer, and the form renders them (with
 * JavaScript or without); the page turns to "on" when the user leaves the codes view.
 */
export async function enableAction(_prev: unknown, formData: FormData): Promise<CodesResult> {
  const { user, session } = await requireUser();
  const codeMessage = `Enter the ${TOTP_DIGITS}-digit code from your app.`;
  const parsed = z
    .object({ password, code: z.string().trim().min(1, codeMessage).max(CODE_INPUT_MAX_LENGTH) })
    .safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail(codeMessage, { fieldErrors: fieldErrorsFrom(parsed.error) });
  return runAction(async () => {
    const result = await enableTotp(getDb(), { user, sessionId: session.id, ...parsed.data, ip: await clientIp() });
    return result.ok ? ok({ codes: result.data.codes, createdAt: stamp() }) : result;
  });
}

export async function regenerateAction(_prev: unknown, formData: FormData): Promise<CodesResult> {
  const { user, session } = await requireUser();
  const parsed = withPassword.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail('Enter your password.', { fieldErrors: fieldErrorsFrom(parsed.error) });
  return runAction(async () => {
    const result = await regenerateBackupCodes(getDb(), {
      user,
      sessionId: session.id,
      password: parsed.data.password,
      ip: await clientIp(),
    });
    return result.ok ? ok({ codes: result.data.codes, createdAt: stamp() }) : result;
  });
}

export async function disableAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, session } = await requireUser();
  const parsed = withPassword.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail('Enter your password.', { fieldErrors: fieldErrorsFrom(parsed.error) });
  return runAction(async () => {
    const result = await disableTwoFactor(getDb(), {
      user,
      sessionId: session.id,
      password: parsed.data.password,
      ip: await clientIp(),
    });
    if (!result.ok) return result;
    redirect('/account/security?notice=disabled');
  });
}
