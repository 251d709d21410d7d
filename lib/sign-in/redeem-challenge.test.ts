import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, rateLimits, sessions } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { hitRateLimits } from '../rate-limit/hit';
import { limitKeys, secondFactorKeys } from '../rate-limit/limit-keys';
import { openChallenge } from './open-challenge';
import { redeemChallenge } from './redeem-challenge';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('redeemChallenge', () => {
  it('a passed challenge is redeemed exactly once, even concurrently, into one session', async () => {
    const user = await seedAdmin(db);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: false });
    const results = await Promise.all(Array.from({ length: 10 }, () => redeemChallenge(db, { token, ip: '10.0.0.9' })));
    const won = results.filter((r) => r !== null);
    expect(won).toEqual([
      { sessionId: expect.any(String), userId: user.id, companyId: user.companyId, secondFactor: false, method: null },
    ]);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([won[0]!.sessionId]);
    expect(rows[0]).toMatchObject({ ip: '10.0.0.9', secondFactorAt: null });
    const audited = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(audited.filter((e) => e.type === 'session.created')).toHaveLength(1);
  });

  it('a challenge that still needs a second factor cannot be redeemed', async () => {
    const user = await seedAdmin(db);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true });
    expect(await redeemChallenge(db, { token })).toBeNull();
  });

  it('an expired challenge cannot be redeemed', async () => {
    const user = await seedAdmin(db);
    const { token } = await openChallenge(db, {
      userId: user.id,
      factorRequired: false,
      now: new Date(Date.now() - 11 * 60_000),
    });
    expect(await redeemChallenge(db, { token })).toBeNull();
  });

  it("clears the user's second-factor counters, and only theirs", async () => {
    const [user, other] = [await seedAdmin(db), await seedAdmin(db)];
    await hitRateLimits(db, [...limitKeys.secondFactor(user.id), ...limitKeys.secondFactor(other.id)]);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: false });
    expect(await redeemChallenge(db, { token })).not.toBeNull();
    const left = (await db.select().from(rateLimits)).map((r) => r.key);
    for (const key of secondFactorKeys(user.id)) expect(left).not.toContain(key);
    for (const key of secondFactorKeys(other.id)) expect(left).toContain(key);
  });
});
