import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeDuoSettings, withDuoFake } from '../../tests/duo-fake';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import type { Db } from '../db/client';
import { auditEvents, companies, users } from '../db/schema';
import { settleDuoTxid } from './duo-attempt';
import { verifyDuoPasscode } from './duo-passcode';
import { duoOptions, passDuoBypass } from './duo-preauth';
import { cancelDuoPush, pollDuoPush, startDuoPush } from './duo-push';
import { findChallenge } from './find-challenge';
import { openChallenge } from './open-challenge';
import { redeemChallenge } from './redeem-challenge';

let db: Db;
const duo = withDuoFake();
beforeAll(async () => {
  db = await createTestDatabase();
});
beforeEach(() => duo.current.fake.script.reset());

/** A user whose company requires 2FA with Duo (the fake's keys) and who chose Duo. */
async function duoUser() {
  const user = await seedAdmin(db);
  await db
    .update(companies)
    .set({
      twoFactorRequired: true,
      ...fakeDuoSettings(user.companyId),
    })
    .where(eq(companies.id, user.companyId));
  await db.update(users).set({ preferredMethod: 'duo' }).where(eq(users.id, user.id));
  const token = async () =>
    (await openChallenge(db, { userId: user.id, factorRequired: true, ip: '203.0.113.7' })).token;
  return { user, token };
}
const openOf = async (token: string) => (await findChallenge(db, token))!;
const challengeOf = async (token: string) => (await openOf(token)).challenge;
const audits = (userId: string, type: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetUserId, userId), eq(auditEvents.type, type)));

/** Polls as the page does until Duo's answer is final. */
async function pollUntilDone(token: string) {
  for (let i = 0; i < 50; i++) {
    const polled = await pollDuoPush(db, { token });
    if (!polled.ok || polled.data.state !== 'waiting') return polled;
  }
  throw new Error('still waiting');
}

describe('preauth', () => {
  it('offers the devices and factors Duo lists, asking with the username and the sign-in address', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email });
    const options = await duoOptions(db, await openOf(await token()));
    expect(options).toMatchObject({ ok: true, data: { result: 'auth', passcode: true } });
    expect(options.ok && options.data.result === 'auth' && options.data.devices[0]).toMatchObject({
      push: true,
      phone: true,
    });
    expect(duo.current.fake.script.requests().find((r) => r.path === '/auth/v2/preauth')?.params).toMatchObject({
      username: user.email,
      ipaddr: '203.0.113.7',
    });
  });

  it('asks about the Duo username an admin set instead of the email', async () => {
    const { user, token } = await duoUser();
    await db.update(users).set({ duoUsername: 'ann.duo' }).where(eq(users.id, user.id));
    duo.current.fake.script.upsertUser({ username: 'ann.duo' });
    expect(await duoOptions(db, await openOf(await token()))).toMatchObject({ ok: true, data: { result: 'auth' } });
  });

  it('enroll and deny come back with Duo’s words; a denial is audited', async () => {
    const { user, token } = await duoUser();
    expect(await duoOptions(db, await openOf(await token()))).toMatchObject({ ok: true, data: { result: 'enroll' } });
    duo.current.fake.script.upsertUser({
      username: user.email,
      status: 'deny',
      status_msg: 'Locked by your Duo admin',
    });
    expect(await duoOptions(db, await openOf(await token()))).toMatchObject({
      ok: true,
      data: { result: 'deny', message: 'Locked by your Duo admin' },
    });
    expect(await audits(user.id, 'auth.duo_refused')).toHaveLength(1);
  });

  it('allow (a bypass) passes the challenge once, audited with Duo’s words', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email, status: 'allow', status_msg: 'Bypass user' });
    const t = await token();
    expect(await passDuoBypass(db, { token: t })).toEqual({ ok: true, data: { method: 'duo' } });
    expect(await redeemChallenge(db, { token: t })).toMatchObject({ userId: user.id, method: 'duo' });
    const [audit] = await audits(user.id, 'auth.second_factor_passed');
    expect(audit.detail).toMatchObject({ method: 'duo', factor: 'bypass', statusMsg: 'Bypass user' });
  });
});

describe('Duo Push', () => {
  it('an approved push passes the challenge once, audited with Duo’s txid', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email });
    const t = await token();
    expect(await startDuoPush(db, { token: t, device: 'auto', factor: 'push' })).toMatchObject({ ok: true });
    const { duoTxid } = await challengeOf(t);
    expect(duoTxid).toBeTruthy();
    expect(await pollDuoPush(db, { token: t })).toMatchObject({ ok: true, data: { state: 'waiting' } });
    duo.current.fake.script.pushOutcome({ username: user.email, outcome: 'allow', delayMs: 50 });
    expect(await pollUntilDone(t)).toEqual({ ok: true, data: { state: 'approved' } });
    const [audit] = await audits(user.id, 'auth.second_factor_passed');
    expect(audit.detail).toMatchObject({ method: 'duo', factor: 'push', txid: duoTxid, duoStatus: 'allow' });
    expect(await redeemChallenge(db, { token: t })).toMatchObject({ userId: user.id, method: 'duo' });
    expect(await redeemChallenge(db, { token: t })).toBeNull();
  });

  it.each([
    ['deny', 'denied', 'auth.duo_refused'],
    ['fraud', 'fraud', 'auth.duo_fraud'],
    ['timeout', 'timeout', 'auth.duo_refused'],
  ] as const)('a %s push is refused, counts one try and is audited', async (outcome, state, type) => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email, push: { outcome, delayMs: 20 } });
    const t = await token();
    expect((await startDuoPush(db, { token: t, device: 'auto', factor: 'push' })).ok).toBe(true);
    const polled = await pollUntilDone(t);
    expect(polled).toMatchObject({ ok: true, data: { state, message: expect.stringContaining('9 tries left') } });
    const challenge = await challengeOf(t);
    expect(challenge).toMatchObject({ attempts: 1, passedAt: null, duoTxid: null });
    expect((await audits(user.id, type))[0].detail).toMatchObject({ factor: 'push', duoStatus: outcome });
    expect(await redeemChallenge(db, { token: t })).toBeNull();
  });

  it('a txid bound to another challenge cannot pass this one', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email, push: { outcome: 'allow', delayMs: 0 } });
    const [a, b] = [await token(), await token()];
    expect((await startDuoPush(db, { token: a, device: 'auto', factor: 'push' })).ok).toBe(true);
    const txid = (await challengeOf(a)).duoTxid!;
    const decision = { outcome: 'allow' as const, factor: 'push', txid };
    expect(await settleDuoTxid(db, { open: await openOf(b), decision, now: new Date() })).toBeNull();
    expect(await pollDuoPush(db, { token: b })).toEqual({ ok: true, data: { state: 'none' } });
    expect((await challengeOf(b)).passedAt).toBeNull();
  });

  it('a cancelled push can no longer pass the challenge', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email });
    const t = await token();
    expect((await startDuoPush(db, { token: t, device: 'auto', factor: 'push' })).ok).toBe(true);
    expect(await cancelDuoPush(db, { token: t })).toEqual({ ok: true, data: undefined });
    duo.current.fake.script.pushOutcome({ username: user.email, outcome: 'allow' });
    expect(await pollDuoPush(db, { token: t })).toEqual({ ok: true, data: { state: 'none' } });
    expect(await redeemChallenge(db, { token: t })).toBeNull();
  });

  it('a phone call works like a push', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email, push: { outcome: 'allow', delayMs: 10 } });
    const t = await token();
    expect(await startDuoPush(db, { token: t, device: 'auto', factor: 'phone' })).toMatchObject({
      ok: true,
      data: { message: 'Calling' },
    });
    expect(await pollUntilDone(t)).toEqual({ ok: true, data: { state: 'approved' } });
  });
});

describe('passcodes', () => {
  it('a right passcode passes, a wrong one counts a try; both audited with a txid', async () => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email, passcodes: ['1234567'] });
    const t = await token();
    expect(await verifyDuoPasscode(db, { token: t, passcode: '7654321' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('9 tries left'),
    });
    expect((await challengeOf(t)).attempts).toBe(1);
    expect(await verifyDuoPasscode(db, { token: t, passcode: '123 4567' })).toEqual({
      ok: true,
      data: { method: 'duo' },
    });
    expect(await redeemChallenge(db, { token: t })).toMatchObject({ method: 'duo' });
    const [refused] = await audits(user.id, 'auth.duo_refused');
    expect(refused.detail).toMatchObject({ factor: 'passcode', txid: expect.any(String) });
  });
});

describe('Duo unreachable or failing', () => {
  it.each([
    ['a 5xx', { fail: { count: 5, status: 503 } }],
    ['a revoked key', null],
  ])('%s: a plain message, the fallback, nothing counted or bound', async (_name, faults) => {
    const { user, token } = await duoUser();
    duo.current.fake.script.upsertUser({ username: user.email });
    if (faults) duo.current.fake.script.faults(faults);
    else
      await db
        .update(companies)
        .set({ duoIntegrationKey: 'DIREVOKED00000000000' })
        .where(eq(companies.id, user.companyId));
    const t = await token();
    const started = await startDuoPush(db, { token: t, device: 'auto', factor: 'push' });
    expect(started).toMatchObject({ ok: false, fallback: true });
    expect(started.ok ? '' : started.error).toMatch(faults ? /isn’t answering/ : /administrator/);
    expect(await challengeOf(t)).toMatchObject({ attempts: 0, duoTxid: null });
    expect(await duoOptions(db, await openOf(t))).toMatchObject({ ok: false, fallback: true });
    const [audit] = await audits(user.id, 'auth.duo_unavailable');
    expect(audit.detail).toMatchObject({ duo: { kind: faults ? 'duo-error' : 'credentials' } });
  });
});
