'use server';

import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { fail, type Result } from '@/lib/result';
import { clearChallengeCookie, readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { WEBAUTHN_RESPONSE_MAX_LENGTH } from '@/lib/limits';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';
import { passkeySignInOptions, PASSKEY_REFUSED_MESSAGE, verifyPasskeySignIn } from '@/lib/sign-in/passkey-sign-in';

/** The browser's passkey prompt for this sign-in (only the user's own keys). */
export async function passkeyOptionsAction(): Promise<Result<PublicKeyCredentialRequestOptionsJSON>> {
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  return runAction(() => passkeySignInOptions(getDb(), { token }));
}

// The shape the library reads; its signature checks do the rest.
const assertion = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: z.string(),
    authenticatorData: z.string(),
    signature: z.string(),
    userHandle: z.string().optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/**
 * Checks the passkey's answer (the form field `response`, the browser's JSON), like every other
 * action a form posts; on success the challenge is exchanged for a session (a redirect).
 */
export async function passkeySignInAction(formData: FormData): Promise<Result> {
  const json = formData instanceof FormData ? formData.get('response') : null;
  if (typeof json !== 'string' || json.length > WEBAUTHN_RESPONSE_MAX_LENGTH) return fail(PASSKEY_REFUSED_MESSAGE);
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return fail(PASSKEY_REFUSED_MESSAGE);
  }
  const parsed = assertion.safeParse(body);
  if (!parsed.success) return fail(PASSKEY_REFUSED_MESSAGE);
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const response = parsed.data as AuthenticationResponseJSON;
  const passed = await runAction(() => verifyPasskeySignIn(getDb(), { token, response }));
  if (!passed.ok) return passed;
  await clearChallengeCookie();
  return finishSignIn(token, '/');
}
