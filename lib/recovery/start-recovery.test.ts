import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxMessages } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedUserWithTotp } from '../../tests/fixtures';
import { ANSWER, factorsAndRequests, seedLockedOutUser } from '../../tests/recovery-fixtures';
import { HOUR_MS, RECOVERY_ANSWER_TRIES_PER_DAY } from '../limits';
import { openChallenge } from '../sign-in/open-challenge';
import { startRecovery, WRONG_ANSWER_MESSAGE } from './start-recovery';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('startRecovery', () => {
  it('a correct answer alone removes nothing: authenticator and backup codes stay, the request only awaits the email link', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const result = await startRecovery(db, { token: challengeToken, answer: `  ${ANSWER.toUpperCase()} ` });
    expect(result).toMatchObject({ ok: true, data: { maskedEmail: `${user.email[0]}•••@example.com` } });
    const after = await factorsAndRequests(db, user.id);
    expect(after).toMatchObject({ hasTotp: true, backupCodes: 10 });
    expect(after.requests).toHaveLength(1);
    expect(after.requests[0]).toMatchObject({ status: 'awaiting_email', emailVerifiedAt: null, resolvedAt: null });
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
    expect(mail.find((m) => m.subject === 'Confirm your recovery request')?.text).toMatch(
      /\/recover\/confirm\/\S+[\s\S]*\/recover\/cancel\/\S+/,
    );
  });

  it('a wrong answer changes nothing and says only that it didn’t match', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    expect(await startRecovery(db, { token: challengeToken, answer: 'Shelbyville' })).toEqual({
      ok: false,
      error: WRONG_ANSWER_MESSAGE,
    });
    expect(await factorsAndRequests(db, user.id)).toEqual({ hasTotp: true, backupCodes: 10, requests: [] });
  });

  it('without a security question any answer gets the very same message', async () => {
    const { user } = await seedUserWithTotp(db);
    const token = (await openChallenge(db, { userId: user.id, factorRequired: true })).token;
    expect(await startRecovery(db, { token, answer: ANSWER })).toEqual({ ok: false, error: WRONG_ANSWER_MESSAGE });
    expect((await factorsAndRequests(db, user.id)).requests).toEqual([]);
  });

  it(`${RECOVERY_ANSWER_TRIES_PER_DAY} tries a day, then locked even for the right answer, until the day is over`, async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const t0 = new Date();
    for (let i = 0; i < RECOVERY_ANSWER_TRIES_PER_DAY; i++) {
      const wrong = await startRecovery(db, {
        token: challengeToken,
        answer: `guess ${i}`,
        now: new Date(t0.getTime() + i * 1000),
      });
      expect(wrong).toEqual({ ok: false, error: WRONG_ANSWER_MESSAGE });
    }
    const locked = await startRecovery(db, {
      token: challengeToken,
      answer: ANSWER,
      now: new Date(t0.getTime() + 60_000),
    });
    expect(locked).toMatchObject({ ok: false, error: expect.stringMatching(/Too many tries/) });
    expect(await factorsAndRequests(db, user.id)).toEqual({ hasTotp: true, backupCodes: 10, requests: [] });

    // A day later the user may try again (with a fresh sign-in: challenges last 10 minutes).
    const tomorrow = new Date(t0.getTime() + 24 * HOUR_MS + 1000);
    const fresh = (await openChallenge(db, { userId: user.id, factorRequired: true, now: tomorrow })).token;
    expect(await startRecovery(db, { token: fresh, answer: ANSWER, now: tomorrow })).toMatchObject({ ok: true });
  });

  it('a new request cancels the earlier open one: one open request per user', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const first = await startRecovery(db, { token: challengeToken, answer: ANSWER });
    const second = await startRecovery(db, { token: challengeToken, answer: ANSWER });
    expect(first.ok && second.ok).toBe(true);
    const { requests } = await factorsAndRequests(db, user.id);
    const statusOf = (id: string) => requests.find((r) => r.id === id)?.status;
    expect(first.ok && statusOf(first.data.requestId)).toBe('cancelled');
    expect(second.ok && statusOf(second.data.requestId)).toBe('awaiting_email');
  });

  it('needs a sign-in whose password is proven and still open', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    expect(await startRecovery(db, { token: 'not-a-challenge', answer: ANSWER })).toMatchObject({
      ok: false,
      restart: true,
    });
    const expired = await startRecovery(db, {
      token: challengeToken,
      answer: ANSWER,
      now: new Date(Date.now() + 11 * 60_000),
    });
    expect(expired).toMatchObject({ ok: false, restart: true });
    expect((await factorsAndRequests(db, user.id)).requests).toEqual([]);
  });
});
