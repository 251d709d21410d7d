import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { trustedBrowsers } from '../db/schema';
import { changePassword } from '../accounts/change-password';
import { createSession } from '../sessions/sessions';
import { trustBrowser, findTrustedBrowser } from '../sessions/trusted-browsers';
import { disableTwoFactor } from '../twofactor/disable-2fa';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { resetUserTwoFactor } from './reset-user-2fa';
import { setUserDisabled } from './set-user-disabled';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** Trusts a browser for `userId` and a browser for a bystander; returns a check of both afterwards. */
async function trustBoth(userId: string, bystanderId: string) {
  const mine = (await trustBrowser(db, { userId, companyDays: 30 }))!;
  const theirs = (await trustBrowser(db, { userId: bystanderId, companyDays: 30 }))!;
  return async () => ({
    mine: await findTrustedBrowser(db, { userId, token: mine.token, companyDays: 30 }),
    theirs: await findTrustedBrowser(db, { userId: bystanderId, token: theirs.token, companyDays: 30 }),
    rows: await db.select().from(trustedBrowsers).where(eq(trustedBrowsers.userId, userId)),
  });
}

describe('every security change forgets the user’s trusted browsers (and only theirs)', () => {
  it('a password change', async () => {
    const user = await seedAdmin(db);
    const bystander = await seedMember(db, user.companyId);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const check = await trustBoth(user.id, bystander.id);
    const changed = await changePassword(db, {
      user,
      sessionId: session.id,
      currentPassword: STRONG_PASSWORD,
      newPassword: 'violet harbour compass tundra 77',
    });
    expect(changed.ok).toBe(true);
    expect(await check()).toMatchObject({ mine: null, theirs: expect.anything(), rows: [] });
  });

  it('a 2FA change: turning the authenticator app off', async () => {
    const { user, session } = await seedUserWithTotp(db);
    const bystander = await seedMember(db, user.companyId);
    const check = await trustBoth(user.id, bystander.id);
    expect((await disableTwoFactor(db, { user, sessionId: session.id, password: STRONG_PASSWORD })).ok).toBe(true);
    expect(await check()).toMatchObject({ mine: null, theirs: expect.anything(), rows: [] });
  });

  it('an admin’s Reset 2FA', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const bystander = await seedMember(db, admin.companyId);
    const check = await trustBoth(member.id, bystander.id);
    const reset = await resetUserTwoFactor(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: member.id,
    });
    expect(reset.ok).toBe(true);
    expect(await check()).toMatchObject({ mine: null, theirs: expect.anything(), rows: [] });
  });

  it('deactivation', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const bystander = await seedMember(db, admin.companyId);
    const check = await trustBoth(member.id, bystander.id);
    const off = await setUserDisabled(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: member.id,
      disabled: true,
    });
    expect(off.ok).toBe(true);
    expect(await check()).toMatchObject({ mine: null, theirs: expect.anything(), rows: [] });
  });
});
