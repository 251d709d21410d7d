import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, outboxMessages, type User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { openChallenge } from './open-challenge';
import { verifyFactor } from './verify-factor';
import { maskEmail, maskPhone } from '../messaging/mask';
import { sendLoginCode } from './send-code';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

/** The code as the user reads it: from the dev outbox, where messages land without a provider. */
async function lastCodeSentTo(to: string): Promise<string> {
  const [message] = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.to, to))
    .orderBy(desc(outboxMessages.id))
    .limit(1);
  return message.text.match(/\b(\d{6})\b/)![1];
}

/** A sign-in of a user whose company requires 2FA, so SMS/email codes are offered. */
async function challengeFor(user: User, now: Date) {
  await db.update(companies).set({ twoFactorRequired: true }).where(eq(companies.id, user.companyId));
  return openChallenge(db, { userId: user.id, factorRequired: true, now });
}

const check = (challenge: { token: string }, code: string, now: Date) =>
  verifyFactor(db, { token: challenge.token, method: 'otp', code, now });

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('SMS/email sign-in codes', () => {
  it('goes by email without a mobile number, is accepted once, and says where it went', async () => {
    const user = await seedAdmin(db);
    const challenge = await challengeFor(user, T0);
    const { id } = challenge;
    const sent = await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    expect(sent).toMatchObject({ ok: true, data: { channel: 'email', destination: maskEmail(user.email) } });
    const code = await lastCodeSentTo(user.email);
    expect(await check(challenge, code, at(10))).toMatchObject({ ok: true });
    // The challenge is passed now: the same code cannot open it again.
    expect(await check(challenge, code, at(11))).toMatchObject({ ok: false, restart: true });
  });

  it('goes by SMS to a mobile number', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId, { mobile: '+447700900123' });
    const { id } = await challengeFor(member, T0);
    expect(await sendLoginCode(db, { challengeId: id, user: member, channel: 'sms', now: T0 })).toMatchObject({
      ok: true,
      data: { destination: maskPhone('+447700900123') },
    });
    expect(await lastCodeSentTo('+447700900123')).toMatch(/^\d{6}$/);
  });

  it('expires after 2 minutes', async () => {
    const user = await seedAdmin(db);
    const challenge = await challengeFor(user, T0);
    const { id } = challenge;
    await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    const code = await lastCodeSentTo(user.email);
    expect(await check(challenge, code, at(121))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expired/),
    });
  });

  it('a new code invalidates the old one, and resending waits 30 seconds', async () => {
    const user = await seedAdmin(db);
    const challenge = await challengeFor(user, T0);
    const { id } = challenge;
    await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    const first = await lastCodeSentTo(user.email);
    expect(await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(20) })).toEqual({
      ok: false,
      error: 'Please wait 10 seconds before asking for a new code.',
      retryAfterSeconds: 10,
    });
    expect((await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(31) })).ok).toBe(true);
    const second = await lastCodeSentTo(user.email);
    if (first !== second) expect((await check(challenge, first, at(32))).ok).toBe(false);
    expect(await check(challenge, second, at(33))).toMatchObject({ ok: true });
  });

  it('allows 5 tries per code, then not even the right code works', async () => {
    const user = await seedAdmin(db);
    const challenge = await challengeFor(user, T0);
    const { id } = challenge;
    await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    const code = await lastCodeSentTo(user.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const errors = [];
    for (let i = 0; i < 5; i++) errors.push((await check(challenge, wrong, at(5))) as { error: string });
    // One count: the code's own (4) is smaller than the sign-in's (9), and only it is shown.
    expect(errors[0].error).toMatch(/isn’t right\. Check the latest message and try again\. 4 tries left\.$/);
    expect(errors[0].error).not.toMatch(/9 tries/);
    expect(errors[4].error).toMatch(/no tries left\. Send a new code\.$/);
    expect(await check(challenge, code, at(6))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Too many wrong tries/),
    });
  });

  it('a code is bound to its challenge', async () => {
    const user = await seedAdmin(db);
    const a = await challengeFor(user, T0);
    const b = await challengeFor(user, T0);
    await sendLoginCode(db, { challengeId: a.id, user, channel: 'email', now: T0 });
    const codeA = await lastCodeSentTo(user.email);
    await sendLoginCode(db, { challengeId: b.id, user, channel: 'email', now: T0 });
    const codeB = await lastCodeSentTo(user.email);
    // Two random codes coincide once in a million runs; then there is nothing to tell apart.
    if (codeA !== codeB) expect((await check(a, codeB, at(1))).ok).toBe(false);
    expect(await check(a, codeA, at(2))).toMatchObject({ ok: true });
  });

  it('parallel sends on one sign-in: exactly one code goes out', async () => {
    const user = await seedAdmin(db);
    const challenge = await challengeFor(user, T0);
    const { id } = challenge;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email))).toHaveLength(1);
  });

  it('caps codes per user per hour across sign-ins (SMS pumping)', async () => {
    const user = await seedAdmin(db);
    const outcomes = [];
    for (let i = 0; i < 11; i++) {
      const { id } = await challengeFor(user, at(i));
      outcomes.push(await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(i) }));
    }
    expect(outcomes.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(outcomes[10]).toMatchObject({ ok: false, error: expect.stringMatching(/Too many codes were sent/) });
    const { id } = await challengeFor(user, at(3601));
    expect((await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(3601) })).ok).toBe(true);
  });

  it('a provider failure consumes nothing: the old code still works, and the failure is audited', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId, { mobile: '+447700900124' });
    const challenge = await challengeFor(member, T0);
    const { id } = challenge;
    await sendLoginCode(db, { challengeId: id, user: member, channel: 'email', now: T0 });
    const code = await lastCodeSentTo(member.email);
    const saved = { ...process.env };
    Object.assign(process.env, {
      TWILIO_ACCOUNT_SID: 'ACx',
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_FROM: '+15005550006',
      TWILIO_BASE_URL: 'http://127.0.0.1:9',
    });
    try {
      expect(await sendLoginCode(db, { challengeId: id, user: member, channel: 'sms', now: at(40) })).toEqual({
        ok: false,
        error:
          'We couldn’t send your sign-in code by text message. Try again or get it by email instead. Nothing was used up.',
      });
    } finally {
      process.env = saved;
    }
    expect(await check(challenge, code, at(41))).toMatchObject({ ok: true });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, member.id));
    expect(events.map((e) => e.type)).toContain('otp.delivery_failed');
  });
});
