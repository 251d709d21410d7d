import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, outboxMessages, sessions } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { factorsAndRequests, seedLockedOutUser, startedRequest } from '../../tests/recovery-fixtures';
import { approveRecovery, NOT_PENDING_MESSAGE } from './approve-recovery';
import { cancelRecovery } from './cancel-recovery';
import { confirmRecoveryEmail } from './confirm-recovery-email';
import { listRecoveryRequests } from './list-recovery-requests';
import { builtInRoleId } from '../roles/built-in-roles';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** A user whose request passed both checks, and an admin of the same company. */
async function confirmedRequest() {
  const stuck = await seedLockedOutUser(db);
  const admin = await seedMember(db, stuck.user.companyId, { role: 'administrator' });
  const request = await startedRequest(db, { challengeToken: stuck.challengeToken, user: stuck.user });
  expect(await confirmRecoveryEmail(db, { token: request.emailToken })).toEqual({ ok: true });
  return { ...stuck, ...request, admin };
}

describe('approveRecovery', () => {
  it('an admin’s approval resets the user’s 2FA, ends their sessions and marks the request approved', async () => {
    const { user, admin, requestId, session } = await confirmedRequest();
    const result = await approveRecovery(db, { companyId: admin.companyId, actorUserId: admin.id, requestId });
    expect(result).toEqual({ ok: true, data: { user: { id: user.id, name: user.name, email: user.email } } });

    const after = await factorsAndRequests(db, user.id);
    expect(after).toMatchObject({ hasTotp: false, backupCodes: 0 });
    expect(after.requests).toMatchObject([{ status: 'approved', resolvedBy: admin.id, resolvedAt: expect.any(Date) }]);
    expect(await db.select().from(sessions).where(eq(sessions.id, session.id))).toEqual([]);
    expect(await listRecoveryRequests(db, { companyId: admin.companyId })).toEqual([]);
    const events = (await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id))).map(
      (e) => e.type,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        'recovery.started',
        'recovery.email_confirmed',
        '2fa.reset_by_admin',
        'recovery.approved',
      ]),
    );
    const mail = (await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email))).map(
      (m) => m.subject,
    );
    expect(mail).toContain('Your recovery request was approved');

    expect(await approveRecovery(db, { companyId: admin.companyId, actorUserId: admin.id, requestId })).toEqual({
      ok: false,
      error: NOT_PENDING_MESSAGE,
    });
  });

  it('an admin of another company is refused and nothing changes', async () => {
    const { user, requestId } = await confirmedRequest();
    const outsider = await seedAdmin(db);
    const before = await factorsAndRequests(db, user.id);
    expect(await approveRecovery(db, { companyId: outsider.companyId, actorUserId: outsider.id, requestId })).toEqual({
      ok: false,
      error: NOT_PENDING_MESSAGE,
    });
    expect(await factorsAndRequests(db, user.id)).toEqual(before);
    expect(before).toMatchObject({
      hasTotp: true,
      backupCodes: 10,
      requests: [{ status: 'awaiting_admin', resolvedBy: null }],
    });
    expect(await listRecoveryRequests(db, { companyId: outsider.companyId })).toEqual([]);
  });

  it('a cancelled request cannot be approved', async () => {
    const { user, admin, requestId, cancelToken } = await confirmedRequest();
    expect(await cancelRecovery(db, { token: cancelToken })).toEqual({ ok: true });
    expect(await listRecoveryRequests(db, { companyId: admin.companyId })).toEqual([]);
    expect(await approveRecovery(db, { companyId: admin.companyId, actorUserId: admin.id, requestId })).toEqual({
      ok: false,
      error: NOT_PENDING_MESSAGE,
    });
    expect(await factorsAndRequests(db, user.id)).toMatchObject({
      hasTotp: true,
      backupCodes: 10,
      requests: [{ status: 'cancelled', resolvedBy: null }],
    });
  });

  it('a request still waiting for its email link cannot be approved', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const admin = await seedMember(db, user.companyId, { role: 'administrator' });
    const { requestId } = await startedRequest(db, { challengeToken, user });
    expect(await approveRecovery(db, { companyId: admin.companyId, actorUserId: admin.id, requestId })).toEqual({
      ok: false,
      error: NOT_PENDING_MESSAGE,
    });
    expect(await factorsAndRequests(db, user.id)).toMatchObject({
      hasTotp: true,
      backupCodes: 10,
      requests: [{ status: 'awaiting_email' }],
    });
  });

  it('an admin cannot approve their own request', async () => {
    const { user, requestId } = await confirmedRequest();
    expect(user.roleId).toBe(await builtInRoleId(db, user.companyId, 'administrator'));
    expect(await approveRecovery(db, { companyId: user.companyId, actorUserId: user.id, requestId })).toEqual({
      ok: false,
      error: NOT_PENDING_MESSAGE,
    });
    expect(await factorsAndRequests(db, user.id)).toMatchObject({
      hasTotp: true,
      backupCodes: 10,
      requests: [{ status: 'awaiting_admin' }],
    });
  });

  it('a cancel and an approval racing each other: exactly one wins', async () => {
    const { user, admin, requestId, cancelToken } = await confirmedRequest();
    const [approved, cancelled] = await Promise.all([
      approveRecovery(db, { companyId: admin.companyId, actorUserId: admin.id, requestId }),
      cancelRecovery(db, { token: cancelToken }),
    ]);
    expect([approved.ok, cancelled.ok].filter(Boolean)).toHaveLength(1);
    const after = await factorsAndRequests(db, user.id);
    expect(after.hasTotp).toBe(!approved.ok);
    expect(after.requests[0].status).toBe(approved.ok ? 'approved' : 'cancelled');
  });
});
