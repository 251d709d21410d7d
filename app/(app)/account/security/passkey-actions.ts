'use server';

import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { tooLong } from '@/lib/field-messages';
import { PASSKEY_NAME_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH, WEBAUTHN_RESPONSE_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';
import {
  finishPasskeyRegistration,
  PASSKEY_NOT_SAVED_MESSAGE,
  startPasskeyRegistration,
} from '@/lib/twofactor/passkey-registration';
import { removePasskey } from '@/lib/twofactor/passkeys';

const NAME_IT = 'Give it a name, like “Work laptop” or “Blue security key”.';
const name = z.string().trim().min(1, NAME_IT).max(PASSKEY_NAME_MAX_LENGTH, tooLong(PASSKEY_NAME_MAX_LENGTH));
/** Absent inside the re-authentication window: the lib decides, from the session row, whether it is needed. */
const password = z.string().max(PASSWORD_INPUT_MAX_LENGTH).optional();

/** Step one of "Add a passkey or security key": the name is checked, the password asked, the options made. */
export async function startPasskeyAction(
  _prev: unknown,
  formData: FormData,
): Promise<Result<PublicKeyCredentialCreationOptionsJSON>> {
  const { user, session } = await requireUser();
  const parsed = z.object({ name, password }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail(NAME_IT, { fieldErrors: fieldErrorsFrom(parsed.error) });
  const ip = await clientIp();
  return runAction(() =>
    startPasskeyRegistration(getDb(), { user, sessionId: session.id, password: parsed.data.password, ip }),
  );
}

/** Step two: the browser's answer, checked against the challenge step one kept. */
export async function finishPasskeyAction(input: { name: string; response: string }): Promise<Result> {
  const { user, session } = await requireUser();
  const parsed = z.object({ name, response: z.string().max(WEBAUTHN_RESPONSE_MAX_LENGTH) }).safeParse(input);
  if (!parsed.success) return fail(PASSKEY_NOT_SAVED_MESSAGE);
  let response: RegistrationResponseJSON;
  try {
    response = JSON.parse(parsed.data.response) as RegistrationResponseJSON;
  } catch {
    return fail(PASSKEY_NOT_SAVED_MESSAGE);
  }
  const ip = await clientIp();
  const saved = await runAction(() =>
    finishPasskeyRegistration(getDb(), { user, sessionId: session.id, name: parsed.data.name, response, ip }),
  );
  if (!saved.ok) return saved;
  revalidatePath('/account/security');
  return ok();
}

export async function removePasskeyAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, session } = await requireUser();
  const parsed = z.object({ id: z.uuid(), password }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail('Enter your password.', { fieldErrors: fieldErrorsFrom(parsed.error) });
  const ip = await clientIp();
  const removed = await runAction(() =>
    removePasskey(getDb(), {
      user,
      sessionId: session.id,
      passkeyId: parsed.data.id,
      password: parsed.data.password,
      ip,
    }),
  );
  if (removed.ok) revalidatePath('/account/security');
  return removed;
}
