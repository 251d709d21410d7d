import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, loginChallenges, users, webauthnCredentials, type User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { SoftwareAuthenticator } from '../../tests/software-authenticator';
import { resetUserTwoFactor } from '../admin/reset-user-2fa';
import { seedMember } from '../../tests/fixtures';
import { createSession } from '../sessions/sessions';
import { finishPasskeyRegistration, startPasskeyRegistration } from '../twofactor/passkey-registration';
import { listPasskeys, removePasskey } from '../twofactor/passkeys';
import { loadPolicy } from '../twofactor/load-policy';
import { openChallenge } from './open-challenge';
import { redeemChallenge } from './redeem-challenge';
import {
  PASSKEY_CLONED_MESSAGE,
  PASSKEY_NOT_YOURS_MESSAGE,
  passkeySignInOptions,
  verifyPasskeySignIn,
} from './passkey-sign-in';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const reload = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
const auditTypes = async (userId: string) =>
  (await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, userId))).map((e) => e.type);

/** A user who added `key` through Account › Security's two steps (the password, then the ceremony). */
async function withPasskey(user?: User, key = new SoftwareAuthenticator()) {
  const owner = user ?? (await seedAdmin(db));
  const session = await createSession(db, { userId: owner.id, secondFactor: false });
  const options = await startPasskeyRegistration(db, { user: owner, sessionId: session.id, password: STRONG_PASSWORD });
  if (!options.ok) throw new Error(options.error);
  const saved = await finishPasskeyRegistration(db, {
    user: owner,
    sessionId: session.id,
    name: 'Blue key',
    response: key.register(options.data),
  });
  if (!saved.ok) throw new Error(saved.error);
  return { user: await reload(owner.id), key, session };
}

/** A sign-in challenge for `userId` and the browser's answer from `key`. */
async function signIn(userId: string, key: SoftwareAuthenticator) {
  const { token } = await openChallenge(db, { userId, factorRequired: true });
  const options = await passkeySignInOptions(db, { token });
  if (!options.ok) throw new Error(options.error);
  return {
    token,
    options: options.data,
    result: await verifyPasskeySignIn(db, { token, response: key.assert(options.data) }),
  };
}

const attemptsOf = async (token: string) => {
  const { hashToken } = await import('../crypto/tokens');
  return (
    await db
      .select()
      .from(loginChallenges)
      .where(eq(loginChallenges.tokenHash, hashToken(token)))
  )[0]?.attempts;
};

describe('passkeys', () => {
  it('adding one needs the password, stores it, audits it and puts it first in the policy', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    expect(await startPasskeyRegistration(db, { user, sessionId: session.id })).toMatchObject({ ok: false });
    const { user: owner } = await withPasskey(user);
    expect((await listPasskeys(db, owner.id)).map((p) => p.name)).toEqual(['Blue key']);
    expect(owner.preferredMethod).toBe('passkey');
    expect(await auditTypes(owner.id)).toContain('passkey.added');
    // Company 2FA is off: the passkey alone makes a second factor apply.
    expect(await loadPolicy(db, owner)).toMatchObject({ required: true, methods: ['passkey'], source: 'user' });
  });

  it('a registration answer is used once, and one for another origin is refused', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const key = new SoftwareAuthenticator();
    const options = await startPasskeyRegistration(db, { user, sessionId: session.id, password: STRONG_PASSWORD });
    if (!options.ok) throw new Error(options.error);
    const phished = key.register(options.data, 'https://latchkey.example.net');
    expect(
      await finishPasskeyRegistration(db, { user, sessionId: session.id, name: 'x', response: phished }),
    ).toMatchObject({ ok: false });
    // The challenge went with the first answer: the right one now finds nothing to sign.
    const replay = await finishPasskeyRegistration(db, {
      user,
      sessionId: session.id,
      name: 'x',
      response: key.register(options.data),
    });
    expect(replay).toMatchObject({ ok: false });
    expect(await listPasskeys(db, user.id)).toEqual([]);
  });

  it('signs in with the passkey: the challenge passes and is redeemed once; counter and last use move', async () => {
    const { user, key } = await withPasskey();
    const { token, options, result } = await signIn(user.id, key);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    expect(options.userVerification).toBe('preferred');
    expect(result).toEqual({ ok: true, data: { method: 'passkey', userId: user.id } });
    expect(await redeemChallenge(db, { token })).toMatchObject({ userId: user.id, secondFactor: true });
    const [stored] = await db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id));
    expect(stored.counter).toBe(1);
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it('an answer cannot be replayed: the WebAuthn challenge is used once', async () => {
    const { user, key } = await withPasskey();
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true });
    const options = await passkeySignInOptions(db, { token });
    if (!options.ok) throw new Error(options.error);
    const answer = key.assert(options.data);
    const other = await openChallenge(db, { userId: user.id, factorRequired: true });
    await passkeySignInOptions(db, { token: other.token });
    // The answer signed the first challenge's WebAuthn challenge, not the second's.
    expect(await verifyPasskeySignIn(db, { token: other.token, response: answer })).toMatchObject({ ok: false });
    expect((await verifyPasskeySignIn(db, { token, response: answer })).ok).toBe(true);
    expect(await verifyPasskeySignIn(db, { token, response: answer })).toMatchObject({ ok: false });
  });

  it('a passkey of another account is refused on this account’s challenge, and the try is counted', async () => {
    const { user: a } = await withPasskey();
    const { key: bKey } = await withPasskey();
    const { token, result } = await signIn(a.id, bKey);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toContain(PASSKEY_NOT_YOURS_MESSAGE);
    expect(await attemptsOf(token)).toBe(1);
    expect(await redeemChallenge(db, { token })).toBeNull();
  });

  it('a cloned key (its counter goes back) is refused, audited and the try counted', async () => {
    const { user, key } = await withPasskey();
    expect((await signIn(user.id, key)).result.ok).toBe(true);
    expect((await signIn(user.id, key)).result.ok).toBe(true);
    key.signCount = 0; // the copy still counts from where it was copied
    const { token, result } = await signIn(user.id, key);
    expect(!result.ok && result.error).toContain(PASSKEY_CLONED_MESSAGE);
    expect(await attemptsOf(token)).toBe(1);
    expect(await auditTypes(user.id)).toContain('passkey.cloned_refused');
    const [stored] = await db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id));
    expect(stored.counter).toBe(2);
  });

  it('a company that disallows passkeys (Configure) stops offering them at sign-in', async () => {
    const { user, key } = await withPasskey();
    const { configureCompanyTwoFactor } = await import('../admin/configure-company-2fa');
    const saved = await configureCompanyTwoFactor(db, {
      companyId: user.companyId,
      actorUserId: user.id,
      enabled: true,
      allowTotp: true,
      allowDuo: false,
      allowPasskeys: false,
      duo: { integrationKey: '', secretKey: '', apiHost: '' },
    });
    expect(saved).toMatchObject({ ok: true, data: { allowPasskeys: false } });
    expect(await loadPolicy(db, user)).toMatchObject({ methods: ['otp'] });
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true });
    expect(await passkeySignInOptions(db, { token })).toMatchObject({ ok: false });
    void key;
  });

  it('removing needs the password and only finds the user’s own key; Reset 2FA removes them all', async () => {
    const { user, session } = await withPasskey();
    const [own] = await listPasskeys(db, user.id);
    const { user: other, session: otherSession } = await withPasskey();
    const input = { user: other, sessionId: otherSession.id, passkeyId: own.id, password: STRONG_PASSWORD };
    expect(await removePasskey(db, input)).toMatchObject({ ok: false });
    // A session outside the re-authentication window (the one that added it opened the window).
    const fresh = await createSession(db, { userId: user.id, secondFactor: false });
    expect(await removePasskey(db, { user, sessionId: fresh.id, passkeyId: own.id })).toMatchObject({ ok: false });
    expect(await listPasskeys(db, user.id)).toHaveLength(1);
    expect(
      await removePasskey(db, { user, sessionId: session.id, passkeyId: own.id, password: STRONG_PASSWORD }),
    ).toEqual({ ok: true, data: undefined });
    expect(await listPasskeys(db, user.id)).toEqual([]);
    expect(await auditTypes(user.id)).toContain('passkey.removed');

    const member = await seedMember(db, other.companyId);
    await withPasskey(member);
    expect(
      (await resetUserTwoFactor(db, { companyId: other.companyId, actorUserId: other.id, targetUserId: member.id })).ok,
    ).toBe(true);
    expect(
      await db
        .select()
        .from(webauthnCredentials)
        .where(and(eq(webauthnCredentials.userId, member.id))),
    ).toEqual([]);
  });
});
