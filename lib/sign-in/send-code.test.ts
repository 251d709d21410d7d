import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, outboxMessages, type User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { openLoginChallenge } from '../sessions/login-challenge';
import { checkLoginCode } from './check-login-code';
import { maskEmail, maskPhone } from '../messaging/mask';
import { sendLoginCode } from './send-login-code';

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

async function challengeFor(user: User, now: Date) {
  return openLoginChallenge(db, { userId: user.id, factorRequired: true, now });
}

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('SMS/email sign-in codes', () => {
  it('goes by email without a mobile number, is accepted once, and says where it went', async () => {
    const user = await seedAdmin(db);
    const { id } = await challengeFor(user, T0);
    const sent = await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    expect(sent).toMatchObject({ ok: true, channel: 'email', destination: maskEmail(user.email) });
    const code = await lastCodeSentTo(user.email);
    expect(await checkLoginCode(db, { challengeId: id, code, now: at(10) })).toEqual({ ok: true });
    expect(await checkLoginCode(db, { challengeId: id, code, now: at(11) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already used/),
    });
  });

  it('goes by SMS to a mobile number', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId, { mobile: '+447700900123' });
    const { id } = await challengeFor(member, T0);
    expect(await sendLoginCode(db, { challengeId: id, user: member, channel: 'sms', now: T0 })).toMatchObject({
      ok: true,
      destination: maskPhone('+447700900123'),
    });
    expect(await lastCodeSentTo('+447700900123')).toMatch(/^\d{6}$/);
  });

  it('expires after 2 minutes', async () => {
    const user = await seedAdmin(db);
    const { id } = await challengeFor(user, T0);
    await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    const code = await lastCodeSentTo(user.email);
    expect(await checkLoginCode(db, { challengeId: id, code, now: at(121) })).toEqual({
      ok: false,
      error: expect.stringMatching(/expired/),
    });
  });

  it('a new code invalidates the old one, and resending waits 30 seconds', async () => {
    const user = await seedAdmin(db);
    const { id } = await challengeFor(user, T0);
    await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    const first = await lastCodeSentTo(user.email);
    expect(await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(20) })).toEqual({
      ok: false,
      reason: 'cooldown',
      retryAfterSeconds: 10,
    });
    expect((await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(31) })).ok).toBe(true);
    const second = await lastCodeSentTo(user.email);
    if (first !== second)
      expect((await checkLoginCode(db, { challengeId: id, code: first, now: at(32) })).ok).toBe(false);
    expect(await checkLoginCode(db, { challengeId: id, code: second, now: at(33) })).toEqual({ ok: true });
  });

  it('allows 5 tries per code, then not even the right code works', async () => {
    const user = await seedAdmin(db);
    const { id } = await challengeFor(user, T0);
    await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: T0 });
    const code = await lastCodeSentTo(user.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const errors = [];
    for (let i = 0; i < 5; i++)
      errors.push((await checkLoginCode(db, { challengeId: id, code: wrong, now: at(5) })) as { error: string });
    expect(errors[0].error).toMatch(/4 tries left/);
    expect(errors[4].error).toMatch(/no tries left/);
    expect(await checkLoginCode(db, { challengeId: id, code, now: at(6) })).toEqual({
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
    if (codeA !== codeB)
      expect((await checkLoginCode(db, { challengeId: a.id, code: codeB, now: at(1) })).ok).toBe(false);
    expect(await checkLoginCode(db, { challengeId: a.id, code: codeA, now: at(2) })).toEqual({ ok: true });
  });

  it('parallel sends on one sign-in: exactly one code goes out', async () => {
    const user = await seedAdmin(db);
    const { id } = await challengeFor(user, T0);
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
    expect(outcomes[10]).toMatchObject({ ok: false, reason: 'limit' });
    const { id } = await challengeFor(user, at(3601));
    expect((await sendLoginCode(db, { challengeId: id, user, channel: 'email', now: at(3601) })).ok).toBe(true);
  });

  it('a provider failure consumes nothing: the old code still works, and the failure is audited', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId, { mobile: '+447700900124' });
    const { id } = await challengeFor(member, T0);
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
        reason: 'delivery',
        channel: 'sms',
      });
    } finally {
      process.env = saved;
    }
    expect(await checkLoginCode(db, { challengeId: id, code, now: at(41) })).toEqual({ ok: true });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, member.id));
    expect(events.map((e) => e.type)).toContain('otp.delivery_failed');
  });
});
