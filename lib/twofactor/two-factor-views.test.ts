import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { companies, users, type User } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember, STRONG_PASSWORD } from '../../tests/fixtures';
import { beginUserTotpSetup } from '../admin/begin-user-totp-setup';
import { configureCompanyTwoFactor } from '../admin/configure-company-2fa';
import { describeTwoFactor } from '../admin/describe-two-factor';
import { findCompanyUser } from '../admin/find-company-user';
import { listUsers } from '../admin/list-users';
import { listApiUsers } from '../api/list-api-users';
import { createSession } from '../sessions/sessions';
import { enableTotp } from './enable-totp';
import { loadPolicy } from './load-policy';
import { getTwoFactorStatus } from './status';
import { beginTotpSetup } from './totp-credential';
import { policyFor, totpState } from './totp-state';

/**
 * The Security page, the admin's users table (and a user's admin page), the HTTP API and sign-in
 * itself must tell the same story about a user's second factor. Each view is read here the way
 * its page or route reads it, from a real database.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const LABELS = { totp: 'Authenticator app', otp: 'SMS/Email code', backup: 'Backup code' } as const;

async function enrolOwnTotp(user: User) {
  const secret = (await beginTotpSetup(db, user.id))!;
  const session = await createSession(db, { userId: user.id, secondFactor: false });
  const now = new Date();
  const enabled = await enableTotp(db, {
    user,
    sessionId: session.id,
    password: STRONG_PASSWORD,
    code: generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) }),
    now,
  });
  if (!enabled.ok) throw new Error(enabled.error);
}

/** Everything each view says about `userId`, as its screen or route computes it. */
async function views(input: { admin: User; apiAccount: User; userId: string }) {
  const [company] = await db.select().from(companies).where(eq(companies.id, input.admin.companyId));
  const [user] = await db.select().from(users).where(eq(users.id, input.userId));
  // Account › Security, signed in as the user.
  const status = await getTwoFactorStatus(db, user.id);
  const security = { totp: status.state, methods: policyFor({ company, user, totp: status.state }).methods };
  // Admin › Users (the table) and the user's own admin page, as the admin.
  const row = (await listUsers(db, { companyId: company.id, viewerId: input.admin.id })).find((u) => u.id === user.id)!;
  const panel = await findCompanyUser(db, { companyId: company.id, userId: user.id });
  const admin = {
    totp: row.totp,
    panelTotp: totpState(panel!.totp, input.admin.id),
    methods: policyFor({ company, user: row, totp: row.totp }).methods,
    label: describeTwoFactor(company, row).method,
  };
  // GET /api/v1/users, as an admin-role API account.
  const api = (await listApiUsers(db, input.apiAccount)).find((u) => u.id === user.id)!;
  // What sign-in will ask for.
  const signIn = (await loadPolicy(db, user)).methods;
  return { security, admin, api, signIn };
}

describe('every view agrees on a user’s second factor', () => {
  it.each([
    // company switch, user → what the user sees, what the admin sees, the methods sign-in offers
    ['off', 'authenticator on', 'on', 'on', ['totp', 'backup']],
    ['off', 'setup started by the user', 'pending', 'off', []],
    ['off', 'setup started by the admin', 'off', 'pending', []],
    ['off', 'nothing', 'off', 'off', []],
    ['on', 'authenticator on', 'on', 'on', ['totp', 'otp', 'backup']],
    ['on', 'setup started by the user', 'pending', 'off', ['otp']],
    ['on', 'setup started by the admin', 'off', 'pending', ['otp']],
    ['on', 'nothing', 'off', 'off', ['otp']],
  ])('company 2FA %s, %s', async (companySwitch, situation, userSees, adminSees, methods) => {
    const admin = await seedAdmin(db);
    const apiAccount = await seedMember(db, admin.companyId, { role: 'administrator', isApiAccount: true });
    const member = await seedMember(db, admin.companyId);
    if (situation === 'authenticator on') await enrolOwnTotp(member);
    if (situation === 'setup started by the user') await beginTotpSetup(db, member.id);
    if (situation === 'setup started by the admin') {
      const begun = await beginUserTotpSetup(db, {
        companyId: admin.companyId,
        actorUserId: admin.id,
        targetUserId: member.id,
      });
      expect(begun.ok).toBe(true);
    }
    if (companySwitch === 'on') {
      const saved = await configureCompanyTwoFactor(db, {
        companyId: admin.companyId,
        actorUserId: admin.id,
        enabled: true,
        allowTotp: true,
        allowDuo: false,
        duo: { integrationKey: '', secretKey: '', apiHost: '' },
      });
      expect(saved.ok).toBe(true);
    }

    const seen = await views({ admin, apiAccount, userId: member.id });
    expect(seen.security).toEqual({ totp: userSees, methods });
    expect(seen.admin).toMatchObject({ totp: adminSees, panelTotp: adminSees, methods });
    expect(seen.api).toMatchObject({ twoFactor: methods[0] ?? 'none', twoFactorMethods: methods });
    expect(seen.signIn).toEqual(methods);
    // The table names the method sign-in asks for first.
    const first = methods[0] as keyof typeof LABELS | undefined;
    if (first) expect(seen.admin.label).toMatch(new RegExp(`^${LABELS[first]}`));
    else expect(seen.admin.label).toBe('Off');
  });

  it('an authenticator the company does not allow counts nowhere, and an API account has no second factor', async () => {
    const admin = await seedAdmin(db);
    const apiAccount = await seedMember(db, admin.companyId, { role: 'administrator', isApiAccount: true });
    const member = await seedMember(db, admin.companyId, { mobile: '+447911123456' });
    await enrolOwnTotp(member);
    await db
      .update(companies)
      .set({ twoFactorRequired: true, allowTotp: false })
      .where(eq(companies.id, admin.companyId));

    const seen = await views({ admin, apiAccount, userId: member.id });
    expect(seen.security).toEqual({ totp: 'on', methods: ['otp'] });
    expect(seen.admin).toMatchObject({ totp: 'on', methods: ['otp'], label: 'SMS/Email code (SMS)' });
    expect(seen.api).toMatchObject({ twoFactor: 'otp', twoFactorMethods: ['otp'] });
    expect(seen.signIn).toEqual(['otp']);

    const robot = await views({ admin, apiAccount, userId: apiAccount.id });
    expect(robot.security.methods).toEqual([]);
    expect(robot.admin).toMatchObject({ methods: [], label: 'Off' });
    expect(robot.api).toMatchObject({ twoFactor: 'none', twoFactorMethods: [] });
    expect(robot.signIn).toEqual([]);
  });
});
