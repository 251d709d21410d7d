import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { resetUserTwoFactor } from './reset-user-2fa';
import { setUserMethod } from './set-user-method';
import { unlockUserSignIn } from './unlock-user-sign-in';
import { updateUser } from './update-user';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** Email through a Resend that cannot be reached (nothing listens on port 9): every send fails for real. */
function emailProviderDown() {
  process.env.RESEND_API_KEY = 're_unit_test';
  process.env.RESEND_BASE_URL = 'http://127.0.0.1:9';
}
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

describe('admin changes say whether the user was really emailed', () => {
  it('reports emailed: true when the notice went', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const scope = { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id };
    expect(await setUserMethod(db, { ...scope, method: 'otp' })).toEqual({ ok: true, data: { emailed: true } });
  });

  it('when sending fails the change stands, the answer says so, and Activity records the failure without an actor', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const scope = { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id };
    emailProviderDown();
    expect(await setUserMethod(db, { ...scope, method: 'otp' })).toEqual({ ok: true, data: { emailed: false } });
    expect(await resetUserTwoFactor(db, scope)).toEqual({ ok: true, data: { emailed: false } });
    expect(await unlockUserSignIn(db, scope)).toEqual({ ok: true, data: { cleared: 0, emailed: false } });
    expect(
      await updateUser(db, {
        ...scope,
        name: 'Renamed',
        email: `new-${member.email}`,
        mobile: '',
        roleId: member.roleId,
      }),
    ).toEqual({
      ok: true,
      data: { changed: ['name'], emailChangePending: true, userEmailed: false, linkSent: false },
    });
    const failures = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetUserId, member.id), eq(auditEvents.type, 'email.failed')));
    expect(failures.length).toBe(6);
    expect(failures.every((f) => f.actorUserId === null)).toBe(true);
    const [updated] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetUserId, member.id), eq(auditEvents.type, 'user.updated')));
    expect(updated.detail).toEqual({
      changed: ['name', 'email (awaiting confirmation)'],
      to: { role: 'Member' },
    });
  });
});
