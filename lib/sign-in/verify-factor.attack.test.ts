/**
 * Issue #8, attack 4, the interleaving a race only sometimes produces: two correct backup codes
 * sent at once on one sign-in. lib/sign-in/verify-factor.test.ts shows that one session comes out
 * (and e2e/security/one-time-codes.spec.ts shows it over HTTP); here a row lock holds the first
 * check-and-consume statement until the second has begun, so the losing code's fate is decided
 * the same way every run.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { backupCodes } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedUserWithTotp } from '../../tests/fixtures';
import { hashToken } from '../crypto/tokens';
import { openChallenge } from './open-challenge';
import { verifyFactor } from './verify-factor';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** Waits (bounded) until `n` statements of this database wait for a lock. */
async function untilWaiting(n: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = (await db.execute(
      sql`select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
    )) as unknown as Array<{ waiting: number }>;
    if (row.waiting >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${n} statements ever waited for a lock`);
}

describe('two correct backup codes at once on one sign-in', () => {
  // Was open: the losing code was spent, its UPDATE checking "challenge still open" against the
  // snapshot its statement began with. The check now locks and re-reads the challenge row.
  it('one passes the challenge, and the other code stays unused', async () => {
    const { user, codes } = await seedUserWithTotp(db);
    const { token } = await openChallenge(db, { userId: user.id, factorRequired: true });
    let race: Promise<unknown[]> | undefined;
    await db.transaction(async (tx) => {
      // Hold the challenge row: both statements start and then queue behind this lock.
      await tx.execute(sql`select 1 from login_challenges where token_hash = ${hashToken(token)} for update`);
      race = Promise.all([
        verifyFactor(db, { token, method: 'backup', code: codes[0] }),
        verifyFactor(db, { token, method: 'backup', code: codes[1] }),
      ]);
      await untilWaiting(2);
    });
    const results = (await race!) as Array<{ ok: boolean }>;
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const used = await db.select().from(backupCodes).where(eq(backupCodes.userId, user.id));
    expect(used.filter((c) => c.usedAt !== null)).toHaveLength(1);
  });
});
