import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedUserWithTotp } from '../../tests/fixtures';
import { CHALLENGE_MAX_ATTEMPTS } from '../limits';
import { createLoginChallenge, redeemLoginChallenge } from './login-challenge';
import { verifyChallenge } from './verify-challenge';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
const codeAt = (secret: string, date: Date) => generateSync({ secret, epoch: Math.floor(date.getTime() / 1000) });

describe('verifyChallenge', () => {
  it('a correct code passes the challenge, which is then redeemable once', async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    const token = await createLoginChallenge(db, { userId: user.id, factorRequired: true });
    const later = new Date(enabledAt.getTime() + 30_000);
    expect(await verifyChallenge(db, { token, method: 'totp', code: codeAt(secret, later), now: later })).toEqual({
      ok: true,
      method: 'totp',
    });
    expect(await redeemLoginChallenge(db, token)).toEqual({
      userId: user.id,
      companyId: user.companyId,
      secondFactor: true,
    });
    expect(await redeemLoginChallenge(db, token)).toBeNull();
  });

  it('a replayed code is refused on the next sign-in', async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    const later = new Date(enabledAt.getTime() + 30_000);
    const first = await createLoginChallenge(db, { userId: user.id, factorRequired: true });
    expect(
      (await verifyChallenge(db, { token: first, method: 'totp', code: codeAt(secret, later), now: later })).ok,
    ).toBe(true);
    const second = await createLoginChallenge(db, { userId: user.id, factorRequired: true });
    const replay = await verifyChallenge(db, {
      token: second,
      method: 'totp',
      code: codeAt(secret, later),
      now: later,
    });
    expect(replay).toMatchObject({ ok: false, error: expect.stringMatching(/already used/) });
  });

  it(`after ${CHALLENGE_MAX_ATTEMPTS} wrong codes the challenge is void, even for the right code`, async () => {
    const { user, secret, enabledAt } = await seedUserWithTotp(db);
    const token = await createLoginChallenge(db, { userId: user.id, factorRequired: true });
    const later = new Date(enabledAt.getTime() + 30_000);
    for (let i = 0; i < CHALLENGE_MAX_ATTEMPTS; i++) {
      expect((await verifyChallenge(db, { token, method: 'totp', code: '000000', now: later })).ok).toBe(false);
    }
    const result = await verifyChallenge(db, { token, method: 'totp', code: codeAt(secret, later), now: later });
    expect(result).toMatchObject({ ok: false, restart: true });
  });

  it('an expired challenge is refused', async () => {
    const { user, secret } = await seedUserWithTotp(db);
    const token = await createLoginChallenge(db, {
      userId: user.id,
      factorRequired: true,
      now: new Date(Date.now() - 11 * 60_000),
    });
    const result = await verifyChallenge(db, { token, method: 'totp', code: codeAt(secret, new Date()) });
    expect(result).toMatchObject({ ok: false, restart: true, error: expect.stringMatching(/expired/) });
  });

  it('a backup code passes and reports how many are left', async () => {
    const { user, codes } = await seedUserWithTotp(db);
    const token = await createLoginChallenge(db, { userId: user.id, factorRequired: true });
    expect(await verifyChallenge(db, { token, method: 'backup', code: codes[3] })).toEqual({
      ok: true,
      method: 'backup',
      backupCodesLeft: 9,
    });
  });
});
