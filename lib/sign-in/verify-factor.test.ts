import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { companies, sessions } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedUserWithTotp } from '../../tests/fixtures';
import { CHALLENGE_MAX_ATTEMPTS, SECOND_FACTOR_FAILURES_PER_ACCOUNT } from '../limits';
import { revokeOtherSessions } from '../sessions/sessions';
import { openChallenge } from './open-challenge';
import { redeemChallenge } from './redeem-challenge';
import { verifyFactor } from './verify-factor';
import { TOO_MANY_FOR_CHALLENGE_MESSAGE } from './messages';

const statements: string[] = [];
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (query) => statements.push(query) });
});
const codeAt = (secret: string, date: Date) => generateSync({ secret, epoch: Math.floor(date.getTime() / 1000) });
const open = async (userId: string, now?: Date) =>
  (await openChallenge(db, { userId, factorRequired: true, now })).token;

/** A user with an authenticator, and a moment after enrolment whose code is still unused. */
async function totpUser() {
  const seeded = await seedUserWithTotp(db);
  return { ...seeded, later: new Date(seeded.enabledAt.getTime() + 30_000) };
}

describe('verifyFactor', () => {
  it('a correct code passes the challenge, which is then redeemable once', async () => {
    const { user, secret, later } = await totpUser();
    const token = await open(user.id);
    expect(await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, later), now: later })).toEqual({
      ok: true,
      data: { method: 'totp', userId: user.id },
    });
    expect(await redeemChallenge(db, { token })).toMatchObject({ userId: user.id, secondFactor: true });
    expect(await redeemChallenge(db, { token })).toBeNull();
  });

  it('costs at most 3 statements from the code to the session', async () => {
    const { user, secret, later } = await totpUser();
    const token = await open(user.id);
    statements.length = 0;
    expect((await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, later), now: later })).ok).toBe(true);
    expect(await redeemChallenge(db, { token, now: later })).not.toBeNull();
    expect(statements.map((s) => s.trim().split(/\s+/)[0].toLowerCase())).toEqual(['select', 'with', 'with']);
  });

  it('a replayed code is refused on the next sign-in', async () => {
    const { user, secret, later } = await totpUser();
    expect(
      (await verifyFactor(db, { token: await open(user.id), method: 'totp', code: codeAt(secret, later), now: later }))
        .ok,
    ).toBe(true);
    const replay = await verifyFactor(db, {
      token: await open(user.id),
      method: 'totp',
      code: codeAt(secret, later),
      now: later,
    });
    expect(replay).toMatchObject({ ok: false, error: expect.stringMatching(/already used/) });
  });

  it('one code sent twice at once on two sign-ins passes exactly one', async () => {
    const { user, secret, later } = await totpUser();
    const tokens = [await open(user.id), await open(user.id)];
    const code = codeAt(secret, later);
    const results = await Promise.all(
      tokens.map((token) => verifyFactor(db, { token, method: 'totp', code, now: later })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it(`after ${CHALLENGE_MAX_ATTEMPTS} wrong codes the challenge is void, even for the right code`, async () => {
    const { user, secret, later } = await totpUser();
    const token = await open(user.id);
    let last;
    for (let i = 0; i < CHALLENGE_MAX_ATTEMPTS; i++) {
      last = await verifyFactor(db, { token, method: 'totp', code: '000000', now: later });
      expect(last.ok).toBe(false);
    }
    expect(last).toMatchObject({ restart: true, error: expect.stringMatching(/No tries left/) });
    const result = await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, later), now: later });
    expect(result).toEqual({ ok: false, error: TOO_MANY_FOR_CHALLENGE_MESSAGE, restart: true });
  });

  it('an expired challenge is refused', async () => {
    const { user, secret } = await totpUser();
    const token = await open(user.id, new Date(Date.now() - 11 * 60_000));
    const result = await verifyFactor(db, { token, method: 'totp', code: codeAt(secret, new Date()) });
    expect(result).toMatchObject({ ok: false, restart: true, error: expect.stringMatching(/expired/) });
  });

  it('a method the policy does not offer is refused', async () => {
    const { user, later } = await totpUser();
    const result = await verifyFactor(db, { token: await open(user.id), method: 'otp', code: '123456', now: later });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not available/) });
  });

  it('a backup code passes and reports how many are left', async () => {
    const { user, codes } = await totpUser();
    expect(await verifyFactor(db, { token: await open(user.id), method: 'backup', code: codes[3] })).toEqual({
      ok: true,
      data: { method: 'backup', userId: user.id, backupCodesLeft: 9 },
    });
    const again = await verifyFactor(db, { token: await open(user.id), method: 'backup', code: codes[3] });
    expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/already been used/) });
  });

  it('20 concurrent uses of one backup code pass exactly one sign-in', async () => {
    const { user, codes } = await totpUser();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => open(user.id)));
    const results = await Promise.all(
      tokens.map((token) => verifyFactor(db, { token, method: 'backup', code: codes[0] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('two correct factors at once on one challenge give one session', async () => {
    const { user, secret, codes, later } = await totpUser();
    const token = await open(user.id);
    const results = await Promise.all([
      verifyFactor(db, { token, method: 'totp', code: codeAt(secret, later), now: later }),
      verifyFactor(db, { token, method: 'backup', code: codes[1], now: later }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const redeemed = await Promise.all([redeemChallenge(db, { token }), redeemChallenge(db, { token })]);
    expect(redeemed.filter(Boolean)).toHaveLength(1);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2); // enrolment's + this
  });

  it('parallel sign-ins cannot together pass the account limit, and a correct code during the lockout is refused', async () => {
    const { user, secret, later } = await totpUser();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => open(user.id)));
    const guesses = tokens.flatMap((token) =>
      Array.from({ length: 4 }, (_, i) => verifyFactor(db, { token, method: 'totp', code: `00000${i}`, now: later })),
    );
    const results = await Promise.all(guesses);
    const checked = results.filter((r) => !r.ok && !r.retryAfterSeconds);
    expect(checked).toHaveLength(SECOND_FACTOR_FAILURES_PER_ACCOUNT);
    const right = await verifyFactor(db, {
      token: await open(user.id),
      method: 'totp',
      code: codeAt(secret, later),
      now: later,
    });
    expect(right).toMatchObject({ ok: false, error: expect.stringMatching(/try again in 15 minutes/) });
  });

  it('follows the company: TOTP is refused once the company stops allowing it', async () => {
    const { user, secret, later } = await totpUser();
    await db
      .update(companies)
      .set({ twoFactorRequired: true, allowTotp: false })
      .where(eq(companies.id, user.companyId));
    const result = await verifyFactor(db, {
      token: await open(user.id),
      method: 'totp',
      code: codeAt(secret, later),
      now: later,
    });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not available/) });
  });

  it('a security change voids the sign-ins in progress, passed or not', async () => {
    const { user, secret, later } = await totpUser();
    const waiting = await open(user.id);
    const passed = await open(user.id);
    expect(
      (await verifyFactor(db, { token: passed, method: 'totp', code: codeAt(secret, later), now: later })).ok,
    ).toBe(true);
    await revokeOtherSessions(db, user.id);
    const next = new Date(later.getTime() + 30_000);
    expect(
      await verifyFactor(db, { token: waiting, method: 'totp', code: codeAt(secret, next), now: next }),
    ).toMatchObject({
      ok: false,
      restart: true,
    });
    expect(await redeemChallenge(db, { token: passed })).toBeNull();
  });
});
