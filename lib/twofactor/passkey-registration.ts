import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users, webauthnCredentials, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { PASSKEYS_PER_USER_MAX } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { revokeOtherSessions } from '../sessions/sessions';
import { confirmRecentOrPassword } from './confirm-recent';
import { registerKey, storeWebauthnChallenge, takeWebauthnChallenge } from './webauthn-challenges';
import { RP_NAME, relyingParty } from './webauthn-relying-party';

export const PASSKEY_NOT_SAVED_MESSAGE = 'That passkey or security key could not be added. Try again.';

/** The user handle a passkey keeps: the user's id (16 bytes), never the email, which can change. */
const userHandle = (userId: string) => Uint8Array.from(Buffer.from(userId.replaceAll('-', ''), 'hex'));

/**
 * Begins adding a passkey or security key, behind the password (or the session's re-authentication
 * window): the options the browser needs, their challenge kept on the server. The user's own keys
 * are excluded, so one authenticator is not registered twice.
 */
export async function startPasskeyRegistration(
  db: Db,
  input: { user: User; sessionId: string; password?: string | null; ip?: string | null; now?: Date },
): Promise<Result<PublicKeyCredentialCreationOptionsJSON>> {
  const reauth = await confirmRecentOrPassword(db, input);
  if (!reauth.ok) return reauth;
  const own = await db
    .select({ id: webauthnCredentials.credentialId, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, input.user.id));
  if (own.length >= PASSKEYS_PER_USER_MAX)
    return fail(`You have ${PASSKEYS_PER_USER_MAX} passkeys and security keys, the most allowed. Remove one first.`);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty().rpID,
    userName: input.user.email,
    userDisplayName: input.user.name,
    userID: userHandle(input.user.id),
    attestationType: 'none',
    excludeCredentials: own.map((c) => ({ id: c.id, transports: c.transports ?? undefined })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeWebauthnChallenge(db, { key: registerKey(input.user.id), challenge: options.challenge, now: input.now });
  return ok(options);
}

/**
 * Finishes adding a passkey: the browser's answer must sign the challenge this user was given
 * (taken once), for our origin and RP ID. Stored with its public key, counter, transports and the
 * name the user gave; audited, the other sessions ended and the user told, in one transaction.
 */
export async function finishPasskeyRegistration(
  db: Db,
  input: {
    user: User;
    sessionId: string;
    name: string;
    response: RegistrationResponseJSON;
    ip?: string | null;
    now?: Date;
  },
): Promise<Result<{ id: string }>> {
  const expectedChallenge = await takeWebauthnChallenge(db, { key: registerKey(input.user.id), now: input.now });
  if (!expectedChallenge) return fail('This request expired. Press “Add a passkey or security key” again.');
  const { rpID, origin } = relyingParty();
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    // A second factor after the password: a security key without a PIN is still "something you have".
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) return fail(PASSKEY_NOT_SAVED_MESSAGE);
  const info = verified.registrationInfo;
  const saved = await db.transaction(async (tx) => {
    const [{ n }] = await tx
      .select({ n: count() })
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.userId, input.user.id));
    if (n >= PASSKEYS_PER_USER_MAX) return null;
    const [row] = await tx
      .insert(webauthnCredentials)
      .values({
        userId: input.user.id,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        transports: info.credential.transports ?? null,
        name: input.name,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
      })
      // The credential id is unique across accounts: a key already registered (here or elsewhere) is not taken over.
      .onConflictDoNothing({ target: webauthnCredentials.credentialId })
      .returning({ id: webauthnCredentials.id });
    if (!row) return null;
    // Sign-in offers a new key first (the user may prefer another method again on Account › Security).
    await tx.update(users).set({ preferredMethod: 'passkey' }).where(eq(users.id, input.user.id));
    await recordAudit(tx, {
      type: 'passkey.added',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      detail: { name: input.name, deviceType: info.credentialDeviceType },
      ip: input.ip,
    });
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
    return row;
  });
  if (!saved) return fail('That passkey or security key is already registered, or you have the most allowed.');
  await notifyUser(db, {
    user: input.user,
    subject: 'A passkey or security key was added',
    paragraphs: [
      `“${input.name}” can now confirm it’s you when you sign in to Latchkey. Your other sessions were signed out.`,
      'If this wasn’t you, reset your password and tell your administrator.',
    ],
  });
  return ok(saved);
}
