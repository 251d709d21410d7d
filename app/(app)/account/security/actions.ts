'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { disableTwoFactor } from '@/lib/twofactor/disable-2fa';
import { enableTotp } from '@/lib/twofactor/enable-totp';
import { regenerateBackupCodes } from '@/lib/twofactor/regenerate-backup-codes';
import { beginTotpSetup, cancelTotpSetup } from '@/lib/twofactor/totp-credential';

const password = z.string().min(1, 'Enter your password.').max(1024);
export type CodesResult = ActionResult<{ codes: string[]; createdAt: string }>;

const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message]));
const stamp = () => new Date().toISOString().slice(0, 10);

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

/** No revalidation on success: the page would re-render and unmount the one-time codes view. */
export async function enableAction(_prev: unknown, formData: FormData): Promise<CodesResult> {
  const { user, session } = await requireUser();
  const parsed = z
    .object({ password, code: z.string().trim().min(1, 'Enter the 6-digit code from your app.') })
    .safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return {
      ok: false,
      error: 'Enter your password and the code from your app.',
      fieldErrors: fieldErrors(parsed.error),
    };
  return runAction(async () => {
    const result = await enableTotp(getDb(), { user, sessionId: session.id, ...parsed.data, ip: await clientIp() });
    if (!result.ok)
      return {
        ok: false,
        error: result.error,
        fieldErrors: result.field ? { [result.field]: result.error } : undefined,
      };
    return { ok: true, data: { codes: result.codes, createdAt: stamp() } };
  });
}

export async function regenerateAction(_prev: unknown, formData: FormData): Promise<CodesResult> {
  const { user, session } = await requireUser();
  const parsed = z.object({ password }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: 'Enter your password to create new codes.' };
  return runAction(async () => {
    const result = await regenerateBackupCodes(getDb(), {
      user,
      sessionId: session.id,
      password: parsed.data.password,
      ip: await clientIp(),
    });
    return result.ok ? { ok: true, data: { codes: result.codes, createdAt: stamp() } } : result;
  });
}

export async function disableAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const { user, session } = await requireUser();
  const parsed = z.object({ password }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: 'Enter your password to turn off two-factor authentication.' };
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
