import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, duoEnrollments, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { fakeDuoSettings, withDuoFake } from '../../tests/duo-fake';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { DUO_SETUP_CHECKS_PER_MINUTE } from '../limits';
import { checkDuoSetup, duoSetupBarcode } from './check-duo-setup';
import { startDuoSetup } from './start-duo-setup';

let db: Db;
const duo = withDuoFake();
beforeAll(async () => {
  db = await createTestDatabase();
});

/** A company that allows Duo with the fake's keys, and one member of it. */
async function duoCompany() {
  const admin = await seedAdmin(db);
  await db
    .update(companies)
    .set({
      twoFactorRequired: true,
      ...fakeDuoSettings(admin.companyId),
    })
    .where(eq(companies.id, admin.companyId));
  const member = await seedMember(db, admin.companyId);
  const scope = { companyId: admin.companyId, userId: member.id, actorUserId: member.id };
  const method = async () => (await db.select().from(users).where(eq(users.id, member.id)))[0].preferredMethod;
  return { admin, member, scope, method };
}

describe('Duo Setup', () => {
  it('enrols a user Duo does not know: waiting until the phone is activated, then Duo is their method', async () => {
    const { member, scope, method } = await duoCompany();
    const started = await startDuoSetup(db, scope);
    expect(started).toMatchObject({ ok: true, data: { state: 'waiting', activationUrl: expect.any(String) } });
    const [row] = await db.select().from(duoEnrollments).where(eq(duoEnrollments.userId, member.id));
    expect(row.activationCodeEncrypted).not.toMatch(/^[A-Za-z0-9]{20}$/);
    // Started again (a reload), the same enrolment comes back: Duo is not asked for another.
    const again = await startDuoSetup(db, scope);
    expect(again.ok && again.data.state === 'waiting' && again.data.activationUrl).toBe(row.activationUrl);
    const image = await duoSetupBarcode(db, scope);
    expect(image).toMatchObject({ ok: true, data: { contentType: 'image/png' } });
    expect(await checkDuoSetup(db, scope)).toEqual({ ok: true, data: { status: 'waiting' } });
    expect(await method()).toBeNull();
    await duo.current.script('activate', { username: member.email });
    expect(await checkDuoSetup(db, scope)).toEqual({ ok: true, data: { status: 'activated' } });
    expect(await method()).toBe('duo');
    expect(await db.select().from(duoEnrollments).where(eq(duoEnrollments.userId, member.id))).toEqual([]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, member.id));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['2fa.duo_setup_started', '2fa.duo_setup_completed']),
    );
    // A later check (the page polling once more) still says activated, and completes nothing twice.
    expect(await checkDuoSetup(db, scope)).toEqual({ ok: true, data: { status: 'activated' } });
    const completed = (await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, member.id))).filter(
      (e) => e.type === '2fa.duo_setup_completed',
    );
    expect(completed).toHaveLength(1);
  });

  it('confirms at once a user Duo already knows, under the Duo username an admin set', async () => {
    const { member, scope, method } = await duoCompany();
    await db
      .update(users)
      .set({ duoUsername: `duo-${member.id}` })
      .where(eq(users.id, member.id));
    await duo.current.script('users', { username: `duo-${member.id}`, status: 'auth' });
    expect(await startDuoSetup(db, scope)).toMatchObject({ ok: true, data: { state: 'done' } });
    expect(await method()).toBe('duo');
  });

  it('says plainly when Duo refuses the user or cannot be reached, and changes nothing', async () => {
    const { member, scope, method } = await duoCompany();
    await duo.current.script('users', { username: member.email, status: 'deny' });
    expect(await startDuoSetup(db, scope)).toMatchObject({ ok: false, error: expect.stringMatching(/Duo refused/) });
    await duo.current.script('faults', { fail: { count: 1, status: 503 } });
    const other = await duoCompany();
    expect(await startDuoSetup(db, other.scope)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/could not reach Duo/),
    });
    expect([await method(), await other.method()]).toEqual([null, null]);
  });

  it('never polls another user’s enrolment, nor one of another company', async () => {
    const a = await duoCompany();
    const b = await duoCompany();
    expect((await startDuoSetup(db, a.scope)).ok).toBe(true);
    // B's own check asks about B's (missing) enrolment, never A's.
    expect(await checkDuoSetup(db, { ...b.scope, userId: b.member.id })).toMatchObject({ ok: false });
    // A's user id under B's company (an admin of B naming A's user) finds no one.
    expect(await checkDuoSetup(db, { ...b.scope, userId: a.member.id })).toMatchObject({
      ok: false,
      error: 'That user was not found.',
    });
    expect(await duoSetupBarcode(db, { ...b.scope, userId: a.member.id })).toMatchObject({ ok: false });
    // A colleague in A's company asks about their own (none), which says nothing about A's.
    const colleague = await seedMember(db, a.admin.companyId);
    const scope = { companyId: a.admin.companyId, userId: colleague.id, actorUserId: colleague.id };
    expect(await checkDuoSetup(db, scope)).toMatchObject({ ok: false, error: expect.stringMatching(/ended/) });
  });

  it('limits how often one user’s Duo Setup may ask Duo', async () => {
    const { scope } = await duoCompany();
    expect((await startDuoSetup(db, scope)).ok).toBe(true);
    const answers = [];
    for (let i = 0; i < DUO_SETUP_CHECKS_PER_MINUTE; i++) answers.push(await checkDuoSetup(db, scope));
    expect(answers.filter((a) => a.ok)).toHaveLength(DUO_SETUP_CHECKS_PER_MINUTE - 1);
    const refused = answers.at(-1)!;
    expect(refused).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
  });
});
