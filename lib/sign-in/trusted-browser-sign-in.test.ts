import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, sessions, trustedBrowsers } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedMember, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { redeemChallenge } from './redeem-challenge';
import { startSignIn } from './start-sign-in';
import { trustBrowserAfterFactor } from './trust-browser';
import { verifyFactor } from './verify-factor';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

let ipCounter = 0;
const nextIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const allow = (companyId: string, days: number) =>
  db.update(companies).set({ trustedBrowserDays: days }).where(eq(companies.id, companyId));

/** A TOTP user who signed in once ticking "Don't ask again": the browser's trust token. */
async function trustedUser(days = 30) {
  const seeded = await seedUserWithTotp(db);
  await allow(seeded.user.companyId, days);
  const first = await startSignIn(db, { identifier: seeded.user.email, password: STRONG_PASSWORD, ip: nextIp() });
  if (!first.ok) throw new Error(first.error);
  expect(first.data.required).toBe(true);
  expect(first.data.trusted).toBeFalsy();
  const later = new Date(seeded.enabledAt.getTime() + 30_000);
  const code = generateSync({ secret: seeded.secret, epoch: Math.floor(later.getTime() / 1000) });
  expect((await verifyFactor(db, { token: first.data.token, method: 'totp', code, now: later })).ok).toBe(true);
  const trusted = await trustBrowserAfterFactor(db, { challengeToken: first.data.token, userAgent: 'Test UA' });
  expect(await redeemChallenge(db, { token: first.data.token })).not.toBeNull();
  return { ...seeded, trustToken: trusted!.token };
}

describe('signing in from a trusted browser', () => {
  it('asks the password, then skips the second factor: the session counts as two-factor, audited as trusted_browser', async () => {
    const { user, trustToken } = await trustedUser();
    const again = await startSignIn(db, {
      identifier: user.email,
      password: STRONG_PASSWORD,
      ip: nextIp(),
      trustedBrowser: trustToken,
    });
    expect(again).toMatchObject({ ok: true, data: { required: true, trusted: true } });
    if (!again.ok) return;
    const redeemed = await redeemChallenge(db, { token: again.data.token });
    expect(redeemed).toMatchObject({ secondFactor: true, method: 'trusted_browser' });
    const [session] = await db.select().from(sessions).where(eq(sessions.id, redeemed!.sessionId));
    expect(session.secondFactorAt).not.toBeNull();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.map((e) => e.type)).toContain('trusted_browser.added');
    expect(events.filter((e) => e.type === 'session.created').at(-1)?.detail).toMatchObject({
      method: 'trusted_browser',
    });
    const [row] = await db.select().from(trustedBrowsers).where(eq(trustedBrowsers.userId, user.id));
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('a stolen trust token without the password gets nothing', async () => {
    const { user, trustToken } = await trustedUser();
    const wrong = await startSignIn(db, {
      identifier: user.email,
      password: 'not the password at all',
      ip: nextIp(),
      trustedBrowser: trustToken,
    });
    expect(wrong.ok).toBe(false);
  });

  it('user A’s trust does not skip user B’s second factor', async () => {
    const a = await trustedUser();
    const b = await trustedUser();
    const signIn = await startSignIn(db, {
      identifier: b.user.email,
      password: STRONG_PASSWORD,
      ip: nextIp(),
      trustedBrowser: a.trustToken,
    });
    expect(signIn).toMatchObject({ ok: true, data: { required: true } });
    expect(signIn.ok && signIn.data.trusted).toBeFalsy();
    expect(signIn.ok && (await redeemChallenge(db, { token: signIn.data.token }))).toBeNull();
  });

  it('stops skipping when the company turns trusted browsers off', async () => {
    const { user, trustToken } = await trustedUser();
    await allow(user.companyId, 0);
    const signIn = await startSignIn(db, {
      identifier: user.email,
      password: STRONG_PASSWORD,
      ip: nextIp(),
      trustedBrowser: trustToken,
    });
    expect(signIn.ok && signIn.data.trusted).toBeFalsy();
  });

  it('nothing is trusted when the company does not allow it, or no factor passed', async () => {
    const seeded = await seedUserWithTotp(db);
    const started = await startSignIn(db, { identifier: seeded.user.email, password: STRONG_PASSWORD, ip: nextIp() });
    if (!started.ok) throw new Error(started.error);
    // The challenge has not passed: ticking the box before the code counts for nothing.
    await allow(seeded.user.companyId, 30);
    expect(await trustBrowserAfterFactor(db, { challengeToken: started.data.token })).toBeNull();
    // A user without any second factor has nothing to skip: no trust either.
    const member = await seedMember(db, seeded.user.companyId);
    const plain = await startSignIn(db, { identifier: member.email, password: STRONG_PASSWORD, ip: nextIp() });
    if (!plain.ok) throw new Error(plain.error);
    expect(plain.data.required).toBe(false);
    expect(await trustBrowserAfterFactor(db, { challengeToken: plain.data.token })).toBeNull();
    // Trust passed but the company has it off.
    await allow(seeded.user.companyId, 0);
    const later = new Date(seeded.enabledAt.getTime() + 30_000);
    const code = generateSync({ secret: seeded.secret, epoch: Math.floor(later.getTime() / 1000) });
    expect((await verifyFactor(db, { token: started.data.token, method: 'totp', code, now: later })).ok).toBe(true);
    expect(await trustBrowserAfterFactor(db, { challengeToken: started.data.token })).toBeNull();
    expect(await db.select().from(trustedBrowsers).where(eq(trustedBrowsers.userId, seeded.user.id))).toEqual([]);
  });
});
