import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { webauthnCredentials } from '../db/schema';
import { recordAudit } from '../audit/record';
import { CHALLENGE_MAX_ATTEMPTS } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { signInKey, storeWebauthnChallenge, takeWebauthnChallenge } from '../twofactor/webauthn-challenges';
import { relyingParty } from '../twofactor/webauthn-relying-party';
import { findChallenge } from './find-challenge';
import { EXPIRED_MESSAGE, METHOD_UNAVAILABLE_MESSAGE, TOO_MANY_FOR_CHALLENGE_MESSAGE } from './messages';
import { applyFactor, type PassedFactor } from './verify-factor';

export const PASSKEY_REFUSED_MESSAGE = 'That passkey or security key could not confirm it’s you.';
export const PASSKEY_NOT_YOURS_MESSAGE = 'That passkey or security key is not registered to this account.';
export const PASSKEY_CLONED_MESSAGE =
  'That passkey or security key looks like a copy (its use counter went backwards), so it was refused and we emailed you. Use another method, then remove it on Account › Security.';

/**
 * The options for the browser's passkey prompt on a sign-in challenge: only the challenge user's
 * own credentials are allowed, and the WebAuthn challenge is kept on the server for this login
 * challenge (a new request replaces the last).
 */
export async function passkeySignInOptions(
  db: Db,
  input: { token: string; now?: Date },
): Promise<Result<PublicKeyCredentialRequestOptionsJSON>> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  if (open.challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) return fail(TOO_MANY_FOR_CHALLENGE_MESSAGE, { restart: true });
  if (!open.policy.methods.includes('passkey')) return fail(METHOD_UNAVAILABLE_MESSAGE);
  const own = await db
    .select({ id: webauthnCredentials.credentialId, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, open.user.id));
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: own.map((c) => ({ id: c.id, transports: c.transports ?? undefined })),
    userVerification: 'preferred',
  });
  await storeWebauthnChallenge(db, { key: signInKey(open.challenge.id), challenge: options.challenge, now });
  return ok(options);
}

/**
 * Checks the browser's passkey answer for a sign-in challenge, counted against the same limits as
 * a typed code (per challenge, per account) and passing the challenge the same way (method
 * "passkey"). The answer must sign this challenge's WebAuthn challenge (taken once) with a key of
 * the challenge's own user. A signature counter that does not increase marks a cloned
 * authenticator: refused, audited (passkey.cloned_refused) and the user emailed. The new counter
 * and last use are written by the statement that passes the challenge, only if the counter is still
 * the one checked (`counter = old`): of two racing answers one wins.
 */
export async function verifyPasskeySignIn(
  db: Db,
  input: { token: string; response: AuthenticationResponseJSON; now?: Date },
): Promise<Result<PassedFactor>> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const { challenge, user } = open;
  if (challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) return fail(TOO_MANY_FOR_CHALLENGE_MESSAGE, { restart: true });
  if (!open.policy.methods.includes('passkey')) return fail(METHOD_UNAVAILABLE_MESSAGE);
  const expectedChallenge = await takeWebauthnChallenge(db, { key: signInKey(challenge.id), now });
  // Nothing was asked of an authenticator (or it was answered already): nothing to count.
  if (!expectedChallenge) return fail('This passkey request expired. Press “Use a passkey or security key” again.');

  const [credential] = await db
    .select()
    .from(webauthnCredentials)
    .where(
      and(eq(webauthnCredentials.credentialId, String(input.response.id)), eq(webauthnCredentials.userId, user.id)),
    );
  const { rpID, origin } = relyingParty();
  const checked = credential
    ? await verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        // The counter is compared below (so a clone can be told apart and reported), not by the library.
        credential: {
          id: credential.credentialId,
          publicKey: Uint8Array.from(Buffer.from(credential.publicKey, 'base64url')),
          counter: 0,
          transports: credential.transports ?? undefined,
        },
        requireUserVerification: false,
      }).catch(() => null)
    : null;
  const newCounter = checked?.verified ? checked.authenticationInfo.newCounter : null;
  const cloned = credential && newCounter !== null && credential.counter > 0 && newCounter <= credential.counter;
  const failure = !credential ? PASSKEY_NOT_YOURS_MESSAGE : cloned ? PASSKEY_CLONED_MESSAGE : PASSKEY_REFUSED_MESSAGE;
  const at = sql`${now.toISOString()}::timestamptz`;

  const result = await applyFactor(db, {
    open,
    method: 'passkey',
    now,
    factor: {
      consume:
        credential && newCounter !== null && !cloned
          ? (guard) => sql`update webauthn_credentials set counter = ${newCounter}, last_used_at = ${at}
              where id = ${credential.id} and user_id = ${user.id} and counter = ${credential.counter} and ${guard}
              returning true as passed, null::int as tries`
          : null,
      columns: sql`null::int as unused, null::boolean as known`,
      failure: () => failure,
    },
  });
  if (cloned && credential) {
    await recordAudit(db, {
      type: 'passkey.cloned_refused',
      companyId: user.companyId,
      actorUserId: user.id,
      targetUserId: user.id,
      detail: { name: credential.name, storedCounter: credential.counter, newCounter },
      ip: challenge.ip,
    });
    await notifyUser(db, {
      user,
      subject: 'A copied passkey or security key was refused',
      paragraphs: [
        `Someone signed in with your password and then used “${credential.name}”, but its use counter went backwards, which is what a copied key does. Latchkey refused it.`,
        'If this wasn’t you, change your password now, remove that key on Account › Security, and tell your administrator.',
      ],
    });
  }
  return result;
}
