import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, companies, loginCodes, outboxMessages, recoveryRequests, type User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { setSecurityQuestion } from '../recovery/set-security-question';
import { RECOVERY_SIGN_IN_LIFETIME_MS } from '../limits';
import { redeemChallenge } from '../sign-in/redeem-challenge';
import { NO_APPROVED_RECOVERY_MESSAGE, signInWithApprovedRecovery } from '../sign-in/approved-recovery';
import { startSignIn } from '../sign-in/start-sign-in';
import { approveRecovery } from './approve-recovery';
import { findCompanyAdmins } from './find-company-admins';
import { listRecoveryRequests, listWaitingRecoveryRequests } from './list-recovery-requests';
import { startRecovery, WRONG_ANSWER_MESSAGE } from './start-recovery';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const ANSWER = 'Springfield Elementary';

/** A company requiring 2FA, its admin, and a member whose sign-in codes go by email (no mobile, no app). */
async function emailCodeMember(options: { question?: boolean } = {}) {
  const admin = await seedAdmin(db);
  await db.update(companies).set({ twoFactorRequired: true }).where(eq(companies.id, admin.companyId));
  const member = await seedMember(db, admin.companyId);
  if (options.question !== false) {
    const set = await setSecurityQuestion(db, {
      user: member,
      password: STRONG_PASSWORD,
      question: 'What was the name of your first school?',
      answer: ANSWER,
    });
    if (!set.ok) throw new Error(set.error);
  }
  return { admin, member };
}

async function passwordProven(member: User) {
  const started = await startSignIn(db, { identifier: member.email, password: STRONG_PASSWORD, ip: '127.0.0.1' });
  if (!started.ok) throw new Error(started.error);
  return started.data.token;
}

const subjectsTo = async (to: string) =>
  (await db.select().from(outboxMessages).where(eq(outboxMessages.to, to))).map((m) => m.subject);

describe('recovery for a user whose sign-in codes go by email', () => {
  it('goes to the admins at once (no link to the lost inbox), and their approval signs the user in once without a code', async () => {
    const { admin, member } = await emailCodeMember();
    const token = await passwordProven(member);
    expect(await findCompanyAdmins(db, { companyId: member.companyId, userId: member.id })).toEqual([admin.name]);

    expect(await startRecovery(db, { token, answer: 'wrong school' })).toEqual({
      ok: false,
      error: WRONG_ANSWER_MESSAGE,
    });
    const started = await startRecovery(db, { token, answer: ANSWER });
    expect(started).toMatchObject({ ok: true, data: { awaiting: 'admin' } });
    expect(await subjectsTo(member.email)).not.toContain('Confirm your recovery request');
    expect(await subjectsTo(admin.email)).toContain(`Recovery request from ${member.name}`);
    expect(await listRecoveryRequests(db, { companyId: admin.companyId })).toEqual([]);
    const waiting = await listWaitingRecoveryRequests(db, { companyId: admin.companyId });
    expect(waiting).toMatchObject([{ user: { id: member.id }, emailVerifiedAt: null }]);

    const approvedAt = new Date();
    const approved = await approveRecovery(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      requestId: waiting[0].id,
      now: approvedAt,
    });
    expect(approved.ok).toBe(true);

    // The next sign-in sends no code to the lost inbox, and the approval stands in for it once.
    const codesBefore = (await db.select().from(loginCodes)).length;
    const next = await passwordProven(member);
    expect((await db.select().from(loginCodes)).length).toBe(codesBefore);
    expect(await signInWithApprovedRecovery(db, { token: next })).toEqual({ ok: true, data: { userId: member.id } });
    expect(await redeemChallenge(db, { token: next })).toMatchObject({
      userId: member.id,
      secondFactor: true,
      method: 'recovery',
    });
    const [used] = await db.select().from(recoveryRequests).where(eq(recoveryRequests.userId, member.id));
    expect(used.status).toBe('used');
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetUserId, member.id), eq(auditEvents.type, 'auth.second_factor_passed')));
    expect(events.map((e) => e.detail)).toEqual([{ method: 'recovery', requestId: used.id }]);

    // Single use: the sign-in after that asks for a code again.
    const third = await passwordProven(member);
    expect(await signInWithApprovedRecovery(db, { token: third })).toEqual({
      ok: false,
      error: NO_APPROVED_RECOVERY_MESSAGE,
    });
  });

  it('without a security question the user can still ask (the admin checks who they are)', async () => {
    const { admin, member } = await emailCodeMember({ question: false });
    const token = await passwordProven(member);
    expect(await startRecovery(db, { token, answer: null })).toMatchObject({ ok: true, data: { awaiting: 'admin' } });
    expect(await listWaitingRecoveryRequests(db, { companyId: admin.companyId })).toHaveLength(1);
  });

  it('an approval not used within its lifetime no longer stands in for the code', async () => {
    const { admin, member } = await emailCodeMember();
    const token = await passwordProven(member);
    const started = await startRecovery(db, { token, answer: ANSWER });
    if (!started.ok) throw new Error(started.error);
    const approvedAt = new Date(Date.now() - RECOVERY_SIGN_IN_LIFETIME_MS - 1000);
    await db
      .update(recoveryRequests)
      .set({ createdAt: approvedAt, expiresAt: new Date(approvedAt.getTime() + 1000) })
      .where(eq(recoveryRequests.id, started.data.requestId));
    expect(
      await approveRecovery(db, {
        companyId: admin.companyId,
        actorUserId: admin.id,
        requestId: started.data.requestId,
        now: approvedAt,
      }),
    ).toMatchObject({ ok: true });
    const next = await passwordProven(member);
    expect(await signInWithApprovedRecovery(db, { token: next })).toEqual({
      ok: false,
      error: NO_APPROVED_RECOVERY_MESSAGE,
    });
  });

  it('two sign-ins racing for one approval: exactly one passes', async () => {
    const { admin, member } = await emailCodeMember();
    const started = await startRecovery(db, { token: await passwordProven(member), answer: ANSWER });
    if (!started.ok) throw new Error(started.error);
    await approveRecovery(db, { companyId: admin.companyId, actorUserId: admin.id, requestId: started.data.requestId });
    const tokens = await Promise.all([passwordProven(member), passwordProven(member)]);
    const results = await Promise.all(tokens.map((token) => signInWithApprovedRecovery(db, { token })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});
