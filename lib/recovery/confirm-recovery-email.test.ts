import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxMessages, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedMember } from '../../tests/fixtures';
import { factorsAndRequests, seedLockedOutUser, startedRequest } from '../../tests/recovery-fixtures';
import { RECOVERY_REQUEST_LIFETIME_MS } from '../limits';
import { cancelRecovery } from './cancel-recovery';
import { confirmRecoveryEmail } from './confirm-recovery-email';
import { listRecoveryRequests } from './list-recovery-requests';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const subjects = async (to: string) =>
  (await db.select().from(outboxMessages).where(eq(outboxMessages.to, to))).map((m) => m.subject);

describe('confirmRecoveryEmail', () => {
  it('moves the request to the admins exactly once, even with 10 concurrent confirms', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const otherAdmin = await seedMember(db, user.companyId, { role: 'administrator' });
    const { emailToken } = await startedRequest(db, { challengeToken, user });
    expect(await listRecoveryRequests(db, { companyId: user.companyId })).toEqual([]);

    const results = await Promise.all(
      Array.from({ length: 10 }, () => confirmRecoveryEmail(db, { token: emailToken })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(
      Array(9).fill(expect.stringMatching(/already used/)),
    );

    const after = await factorsAndRequests(db, user.id);
    expect(after).toMatchObject({ hasTotp: true, backupCodes: 10 });
    expect(after.requests).toMatchObject([{ status: 'awaiting_admin', emailVerifiedAt: expect.any(Date) }]);
    const pending = await listRecoveryRequests(db, { companyId: user.companyId });
    expect(pending).toMatchObject([
      {
        user: { id: user.id, email: user.email },
        answerVerifiedAt: expect.any(Date),
        emailVerifiedAt: expect.any(Date),
      },
    ]);

    expect(
      (await subjects(user.email)).filter((s) => s === 'Your recovery request was sent to your administrators'),
    ).toHaveLength(1);
    expect(await subjects(otherAdmin.email)).toContain(`Recovery request from ${user.name}`);
  });

  it('an expired request cannot be confirmed and never reaches the admins', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const { emailToken } = await startedRequest(db, { challengeToken, user });
    const later = new Date(Date.now() + RECOVERY_REQUEST_LIFETIME_MS + 1000);
    expect(await confirmRecoveryEmail(db, { token: emailToken, now: later })).toEqual({
      ok: false,
      error: expect.stringMatching(/expired/),
    });
    expect((await factorsAndRequests(db, user.id)).requests).toMatchObject([
      { status: 'awaiting_email', emailVerifiedAt: null },
    ]);
    expect(await listRecoveryRequests(db, { companyId: user.companyId, now: later })).toEqual([]);
  });

  it('a cancelled request cannot be confirmed; an unknown link says it isn’t valid', async () => {
    const { user, challengeToken } = await seedLockedOutUser(db);
    const { emailToken, cancelToken } = await startedRequest(db, { challengeToken, user });
    expect(await cancelRecovery(db, { token: cancelToken })).toEqual({ ok: true });
    expect(await cancelRecovery(db, { token: cancelToken })).toEqual({
      ok: false,
      error: expect.stringMatching(/cancelled/),
    });
    expect(await confirmRecoveryEmail(db, { token: emailToken })).toEqual({
      ok: false,
      error: expect.stringMatching(/cancelled/),
    });
    expect(await confirmRecoveryEmail(db, { token: 'made-up' })).toEqual({
      ok: false,
      error: expect.stringMatching(/isn’t valid/),
    });
    expect((await factorsAndRequests(db, user.id)).requests).toMatchObject([
      { status: 'cancelled', emailVerifiedAt: null },
    ]);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row.preferredMethod).toBe(user.preferredMethod);
  });
});
