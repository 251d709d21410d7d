import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { hitRateLimit } from '../rate-limit/hit';
import { openChallenge } from '../sign-in/open-challenge';
import { redeemChallenge } from '../sign-in/redeem-challenge';
import { createSession, findActiveSession } from '../sessions/sessions';
import { purgeExpired } from './purge-expired';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('purgeExpired', () => {
  it('removes what can never be used again and keeps what is live', async () => {
    const user = await seedAdmin(db);
    const long = new Date(Date.now() - 24 * 3600_000);
    await openChallenge(db, { userId: user.id, factorRequired: false, now: long });
    const live = (await openChallenge(db, { userId: user.id, factorRequired: false })).token;
    await createSession(db, { userId: user.id, secondFactor: false, now: long });
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    await hitRateLimit(db, { key: 'old', limit: 1, windowMs: 1000, now: long });
    expect(await purgeExpired(db)).toEqual({ challenges: 1, sessions: 1, rateLimits: 1 });
    expect(await redeemChallenge(db, { token: live })).not.toBeNull();
    expect(await findActiveSession(db, session.id)).not.toBeNull();
  });
});
