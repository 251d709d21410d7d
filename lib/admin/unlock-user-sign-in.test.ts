import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { checkPassword } from '../sign-in/check-password';
import { PASSWORD_FAILURES_PER_ACCOUNT } from '../limits';
import { unlockUserSignIn } from './unlock-user-sign-in';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('unlockUserSignIn', () => {
  it('lets a locked-out user of the admin’s company sign in again; another company’s admin cannot', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT; i++)
      await checkPassword(db, { identifier: member.email, password: `guess-${i}`, ip: '10.30.0.1' });
    expect(
      await checkPassword(db, { identifier: member.email, password: STRONG_PASSWORD, ip: '10.30.0.2' }),
    ).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });

    const stranger = await seedAdmin(db);
    expect(
      await unlockUserSignIn(db, { companyId: stranger.companyId, actorUserId: stranger.id, targetUserId: member.id }),
    ).toMatchObject({ ok: false });
    expect(
      await checkPassword(db, { identifier: member.email, password: STRONG_PASSWORD, ip: '10.30.0.3' }),
    ).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });

    expect(
      await unlockUserSignIn(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id }),
    ).toMatchObject({ ok: true });
    expect((await checkPassword(db, { identifier: member.email, password: STRONG_PASSWORD, ip: '10.30.0.4' })).ok).toBe(
      true,
    );
  });
});
