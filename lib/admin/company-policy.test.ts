import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, outboxMessages, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { configureCompanyTwoFactor, type CompanyTwoFactorInput } from './configure-company-2fa';
import { sendChallengeCode } from '../sign-in/send-code';
import { startSignIn } from '../sign-in/start-sign-in';
import { loadPolicy } from '../twofactor/load-policy';
import { setPreferredMethod } from '../twofactor/set-preferred-method';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const DAY_MS = 86_400_000;
/** A date input's value `days` from today (UTC), and the start of that day. */
const typed = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const startOf = (days: number) => new Date(`${typed(days)}T00:00:00Z`);

async function companyOf(companyId: string) {
  return (await db.select().from(companies).where(eq(companies.id, companyId)))[0];
}

function saver(admin: { id: string; companyId: string }) {
  return (over: Partial<CompanyTwoFactorInput> = {}) =>
    configureCompanyTwoFactor(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      enabled: true,
      allowTotp: true,
      allowDuo: false,
      duo: { integrationKey: '', secretKey: '', apiHost: '' },
      ...over,
    });
}

describe('the enforcement date in the Configure dialog', () => {
  it('stores the start of the chosen UTC day, up to 30 days ahead; today is at once', async () => {
    const admin = await seedAdmin(db);
    const save = saver(admin);
    expect((await save({ startsOn: typed(30) })).ok).toBe(true);
    expect((await companyOf(admin.companyId)).twoFactorEnforcedFrom).toEqual(startOf(30));
    // While the date is ahead it can be changed, or brought forward to now.
    expect((await save({ startsOn: typed(0) })).ok).toBe(true);
    expect((await companyOf(admin.companyId)).twoFactorEnforcedFrom).toBeNull();
  });

  it('refuses a date in the past or more than 30 days ahead, saving nothing', async () => {
    const admin = await seedAdmin(db);
    const save = saver(admin);
    for (const [days, error] of [
      [-1, 'Choose today or a date ahead.'],
      [31, 'Choose a date at most 30 days ahead.'],
    ] as const) {
      const result = await save({ startsOn: typed(days) });
      expect(result).toMatchObject({ ok: false, error, fieldErrors: { startsOn: error } });
    }
    expect(await companyOf(admin.companyId)).toMatchObject({ twoFactorRequired: false, twoFactorEnforcedFrom: null });
  });

  it('cannot postpone a requirement already in force (users would be back on the password alone)', async () => {
    const admin = await seedAdmin(db);
    const save = saver(admin);
    expect((await save({ startsOn: '' })).ok).toBe(true);
    expect(await save({ startsOn: typed(5) })).toMatchObject({ ok: false });
    expect(await companyOf(admin.companyId)).toMatchObject({ twoFactorRequired: true, twoFactorEnforcedFrom: null });
    // Turning it off forgets the date; the API (no startsOn) keeps what is saved.
    expect((await save({ enabled: false })).ok).toBe(true);
    expect((await save({ startsOn: typed(3) })).ok).toBe(true);
    expect((await save({})).ok).toBe(true);
    expect((await companyOf(admin.companyId)).twoFactorEnforcedFrom).toEqual(startOf(3));
    expect((await save({ enabled: false })).ok).toBe(true);
    expect((await companyOf(admin.companyId)).twoFactorEnforcedFrom).toBeNull();
  });

  it('until the date a user without a method signs in with the password alone', async () => {
    const admin = await seedAdmin(db);
    await saver(admin)({ startsOn: typed(10) });
    const started = await startSignIn(db, { identifier: admin.email, password: STRONG_PASSWORD, ip: '198.51.100.7' });
    expect(started).toMatchObject({ ok: true, data: { required: false } });
  });
});

describe('strong methods only', () => {
  it('is saved and audited with the other settings', async () => {
    const admin = await seedAdmin(db);
    expect((await saver(admin)({ strongMethodsOnly: true })).ok).toBe(true);
    expect((await companyOf(admin.companyId)).strongMethodsOnly).toBe(true);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, admin.companyId), eq(auditEvents.type, '2fa.company_policy_changed')))
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    expect(event.detail).toMatchObject({ before: { strongMethodsOnly: false }, after: { strongMethodsOnly: true } });
  });

  it('refuses to send a code to a user with an authenticator app, even when asked directly', async () => {
    const { user } = await seedUserWithTotp(db);
    await saver(user)({ strongMethodsOnly: true });
    expect((await loadPolicy(db, user)).methods).toEqual(['totp', 'backup']);
    const started = await startSignIn(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '198.51.100.8' });
    if (!started.ok) throw new Error(started.error);
    for (const channel of ['email', 'sms'] as const) {
      expect(await sendChallengeCode(db, { token: started.data.token, channel })).toMatchObject({
        ok: false,
        error: 'Sign-in codes by text message or email are not available for your account.',
      });
    }
    const sent = await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
    expect(sent.filter((m) => m.text.includes('sign-in code'))).toHaveLength(0);
  });

  it('refuses codes as the preferred method of a user with an authenticator app', async () => {
    const { user, session } = await seedUserWithTotp(db);
    await saver(user)({ strongMethodsOnly: true });
    const chosen = await setPreferredMethod(db, {
      user,
      sessionId: session.id,
      method: 'otp',
      password: STRONG_PASSWORD,
    });
    expect(chosen).toMatchObject({ ok: false, error: 'Your company does not offer that method.' });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].preferredMethod).not.toBe('otp');
  });

  it('keeps SMS/email for a user with nothing else', async () => {
    const admin = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    await saver(admin)({ strongMethodsOnly: true });
    const started = await startSignIn(db, { identifier: member.email, password: STRONG_PASSWORD, ip: '198.51.100.9' });
    if (!started.ok) throw new Error(started.error);
    expect(started.data).toMatchObject({ required: true, sendFailed: false });
    expect((await loadPolicy(db, member)).methods).toEqual(['otp']);
  });
});
