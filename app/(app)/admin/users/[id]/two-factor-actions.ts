'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { activateUserTotp } from '@/lib/admin/activate-user-totp';
import { beginUserTotpSetup } from '@/lib/admin/begin-user-totp-setup';
import { cancelUserTotpSetup } from '@/lib/admin/cancel-user-totp-setup';
import { resendInvitation } from '@/lib/admin/resend-invitation';
import { resetUserTwoFactor } from '@/lib/admin/reset-user-2fa';
import { setUserMethod } from '@/lib/admin/set-user-method';
import { unlockUserSignIn } from '@/lib/admin/unlock-user-sign-in';
import { cancelEmailChange } from '@/lib/admin/pending-email-change';
import { SELF_SERVICE_ONLY, withEmailNote } from '@/lib/admin/messages';
import { requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { CODE_INPUT_MAX_LENGTH, RESET_REASON_MAX_LENGTH } from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';
import type { Permission } from '@/lib/roles/permissions';

/** What a step's form shows: on success, the confirmation to show. */
type StepResult = Result<string>;
const target = z.object({ userId: z.uuid() });
const INVALID = fail('That request was not complete. Reload the page and try again.');
const CHECK_FIRST =
  'Tick the box to confirm you checked who is asking. A reset lets whoever holds the password set up a new second factor.';

/**
 * Guard, parse, one lib call, then refresh the page; `done` is the confirmation to show. Never the
 * admin's own account, and only in a session that confirmed its admin recently (sudo mode).
 * `permission`: what the step needs (a second-factor step users:2fa; the invitation and the email
 * change, which belong to the user's details, users:write).
 */
async function adminStep<S extends z.ZodType<{ userId: string }>, D>(
  formData: FormData,
  schema: S,
  call: (
    args: z.infer<S> & { companyId: string; actorUserId: string; sessionId: string; ip: string },
  ) => Promise<Result<D>>,
  done: string | ((data: D) => string),
  permission: Permission = 'users:2fa',
): Promise<StepResult> {
  const { user, company, session } = await requirePermission(permission);
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID;
  if (parsed.data.userId === user.id) return fail(SELF_SERVICE_ONLY);
  // Every step of a user's page changes how they sign in, or sits beside those that do: the page
  // having been loaded in time proves nothing now, so the action checks the confirmation again.
  await requireRecentReauth(`/admin/users/${parsed.data.userId}`, permission);
  return runAction(async () => {
    const result = await call({
      ...parsed.data,
      companyId: company.id,
      actorUserId: user.id,
      sessionId: session.id,
      ip: await clientIp(),
    });
    if (!result.ok) return result;
    revalidatePath(`/admin/users/${parsed.data.userId}`);
    return ok(typeof done === 'string' ? done : done(result.data));
  });
}

export async function beginTotpAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  return adminStep(
    formData,
    target,
    (a) =>
      beginUserTotpSetup(getDb(), {
        companyId: a.companyId,
        actorUserId: a.actorUserId,
        targetUserId: a.userId,
        ip: a.ip,
      }),
    'Scan the QR code with the user’s phone.',
  );
}

export async function cancelTotpAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  return adminStep(
    formData,
    target,
    (a) =>
      cancelUserTotpSetup(getDb(), {
        companyId: a.companyId,
        actorUserId: a.actorUserId,
        targetUserId: a.userId,
        ip: a.ip,
      }),
    'Setup cancelled.',
  );
}

export async function activateTotpAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  const schema = target.extend({ code: z.string().trim().min(1).max(CODE_INPUT_MAX_LENGTH) });
  return adminStep(
    formData,
    schema,
    (a) => activateUserTotp(getDb(), { ...a, targetUserId: a.userId, actorSessionId: a.sessionId }),
    ({ emailed }) => withEmailNote('The authenticator app is active', emailed),
  );
}

export async function setMethodAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  const schema = target.extend({ method: z.enum(['otp', 'duo']) });
  return adminStep(
    formData,
    schema,
    (a) => setUserMethod(getDb(), { ...a, targetUserId: a.userId }),
    ({ emailed }) => withEmailNote('Saved', emailed),
  );
}

export async function resetTwoFactorAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  if (formData.get('confirmed') !== 'on') return fail(CHECK_FIRST, { fieldErrors: { confirmed: CHECK_FIRST } });
  const schema = target.extend({ reason: z.string().trim().max(RESET_REASON_MAX_LENGTH).optional() });
  return adminStep(
    formData,
    schema,
    (a) => resetUserTwoFactor(getDb(), { ...a, targetUserId: a.userId }),
    ({ emailed }) =>
      withEmailNote('Two-factor authentication was reset and the user was signed out everywhere', emailed, 'them'),
  );
}

export async function resendInviteAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  return adminStep(
    formData,
    target,
    async (a) => {
      const result = await resendInvitation(getDb(), { ...a, targetUserId: a.userId });
      if (result.ok && !result.data.emailSent)
        return fail(
          'We could not send the invitation email, and older links no longer work. Try again in a few minutes.',
        );
      return result;
    },
    'A new invitation was sent; older links no longer work.',
    'users:write',
  );
}

export async function unlockSignInAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  return adminStep(
    formData,
    target,
    (a) => unlockUserSignIn(getDb(), { ...a, targetUserId: a.userId }),
    ({ emailed }) => withEmailNote('Sign-in is unlocked', emailed),
  );
}

export async function cancelEmailChangeAction(_prev: unknown, formData: FormData): Promise<StepResult> {
  return adminStep(
    formData,
    target,
    (a) => cancelEmailChange(getDb(), { ...a, targetUserId: a.userId }),
    'The email change was cancelled; its link no longer works.',
    'users:write',
  );
}
