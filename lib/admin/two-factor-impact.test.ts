import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp } from '../../tests/fixtures';
import { countTwoFactorImpact, describeTwoFactorImpact } from './two-factor-impact';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('countTwoFactorImpact', () => {
  it('counts the company’s web users by how they will get their second factor, and nobody else’s', async () => {
    const admin = await seedAdmin(db);
    await seedMember(db, admin.companyId, { mobile: '+447911123456' });
    await seedMember(db, admin.companyId);
    const api = await seedMember(db, admin.companyId);
    await db.update(users).set({ isApiAccount: true }).where(eq(users.id, api.id));
    // Another company's users (one with an authenticator) change nothing here.
    const other = await seedUserWithTotp(db);
    await seedMember(db, other.user.companyId);

    expect(await countTwoFactorImpact(db, admin.companyId)).toEqual({ users: 3, bySms: 1, byEmail: 2 });
    expect(await countTwoFactorImpact(db, other.user.companyId)).toEqual({ users: 2, bySms: 0, byEmail: 1 });
  });
});

describe('describeTwoFactorImpact', () => {
  it('says who is asked and how, with the counts', () => {
    expect(describeTwoFactorImpact({ users: 3, bySms: 1, byEmail: 1 })).toEqual([
      'All 3 users will be asked for a second factor at their next sign-in; anyone signed in now, you included, on their next page.',
      '2 users have no authenticator app: they get a sign-in code by SMS (1) or by email (1).',
    ]);
    expect(describeTwoFactorImpact({ users: 1, bySms: 0, byEmail: 0 })).toEqual([
      'You will be asked for a second factor on your next page, and at every sign-in.',
      'Every user has an authenticator app.',
    ]);
    expect(describeTwoFactorImpact({ users: 4, bySms: 0, byEmail: 1 })[1]).toBe(
      '1 user has no authenticator app: they get a sign-in code by email.',
    );
  });
});
