'use server';

import { z } from 'zod';
import { tooLong } from '@/lib/field-messages';
import { fail, ok, type Result } from '@/lib/result';
import { clearChallengeCookie, readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { runAction } from '@/lib/auth/run-action';
import { trustThisBrowser } from '@/lib/auth/trusted-browser-cookie';
import { getDb } from '@/lib/db/client';
import { CODE_INPUT_MAX_LENGTH } from '@/lib/limits';
import { passDuoBypass } from '@/lib/sign-in/duo-preauth';
import { verifyDuoPasscode } from '@/lib/sign-in/duo-passcode';
import { cancelDuoPush, startDuoPush } from '@/lib/sign-in/duo-push';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';

const start = z.object({
  factor: z.enum(['push', 'phone']),
  device: z.string().trim().max(100, tooLong(100)),
});

/** Sends a Duo Push (or starts a call) to the device chosen; the page then polls its status. */
export async function startDuoAction(
  _prev: unknown,
  formData: FormData,
): Promise<Result<{ message: string; device: string; sentAt: number }>> {
  const [factor, device] = String(formData.get('choice') ?? '').split(':');
  const parsed = start.safeParse({ factor, device: device ?? '' });
  if (!parsed.success) return fail('Choose how Duo should reach you.');
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const sent = await runAction(() => startDuoPush(getDb(), { token, ...parsed.data }));
  if (!sent.ok) return sent;
  return ok({ message: sent.data.message, device: parsed.data.device, sentAt: Date.now() });
}

/** Cancels the push or call this sign-in waits for. */
export async function cancelDuoAction(): Promise<Result> {
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  return runAction(() => cancelDuoPush(getDb(), { token }));
}

/** A passcode from Duo Mobile or a hardware token. */
export async function duoPasscodeAction(_prev: unknown, formData: FormData): Promise<Result> {
  const code = z
    .string()
    .trim()
    .min(1, 'Enter the passcode first.')
    .max(CODE_INPUT_MAX_LENGTH, tooLong(CODE_INPUT_MAX_LENGTH))
    .safeParse(formData.get('code'));
  if (!code.success) return fail(code.error.issues[0].message, { fieldErrors: { code: code.error.issues[0].message } });
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const passed = await runAction(() => verifyDuoPasscode(getDb(), { token, passcode: code.data }));
  if (!passed.ok) {
    const notTheCode = passed.restart || passed.retryAfterSeconds || 'fallback' in passed;
    return notTheCode ? passed : { ...passed, fieldErrors: { code: passed.error } };
  }
  return finish(token, formData);
}

/** Duo lets this user in without a prompt (a bypass): checked again on the server before it counts. */
export async function duoBypassAction(_prev?: unknown, formData?: FormData): Promise<Result> {
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const passed = await runAction(() => passDuoBypass(getDb(), { token }));
  return passed.ok ? finish(token, formData) : passed;
}

/**
 * After the status poll reported an approval: the challenge is already passed on the server (this
 * action trusts nothing the browser says), so the usual redeem makes the session, or says it can't.
 */
export async function finishDuoAction(_prev?: unknown, formData?: FormData): Promise<Result> {
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  return finish(token, formData);
}

async function finish(token: string, formData?: FormData) {
  // "Don't ask again on this browser": trusted only if the challenge really passed (checked in lib).
  if (formData?.get('trustBrowser') === 'on') await trustThisBrowser(token);
  await clearChallengeCookie();
  return finishSignIn(token, '/');
}
