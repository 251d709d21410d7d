import { randomBytes } from 'node:crypto';
import type { Db } from '../lib/db/client';
import { createCompany } from '../lib/accounts/create-company';
import { hashPassword } from '../lib/crypto/password';

export const STRONG_PASSWORD = 'quartz lantern orbit meadow 42';

/** A fresh company with its admin, through the same code a confirmed sign-up runs. */
export async function seedAdmin(db: Db, overrides: { email?: string; username?: string } = {}) {
  return createCompany(db, {
    companyName: 'Test Co',
    name: 'Test Admin',
    email: overrides.email ?? `admin-${randomBytes(4).toString('hex')}@example.com`,
    username: overrides.username,
    passwordHash: await hashPassword(STRONG_PASSWORD),
  });
}

/** A user with authenticator-app 2FA turned on through the real enrolment code. */
export async function seedUserWithTotp(db: Db) {
  const { beginTotpSetup } = await import('../lib/twofactor/totp-credential');
  const { enableTotp } = await import('../lib/twofactor/enable-totp');
  const { createSession } = await import('../lib/sessions/sessions');
  const { generateSync } = await import('otplib');
  const user = await seedAdmin(db);
  const secret = (await beginTotpSetup(db, user.id))!;
  const session = await createSession(db, { userId: user.id, secondFactor: false });
  const now = new Date();
  const result = await enableTotp(db, {
    user,
    sessionId: session.id,
    password: STRONG_PASSWORD,
    code: generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) }),
    now,
  });
  if (!result.ok) throw new Error(result.error);
  const { users } = await import('../lib/db/schema');
  const { eq } = await import('drizzle-orm');
  const [enrolled] = await db.select().from(users).where(eq(users.id, user.id));
  return { user: enrolled, secret, codes: result.data.codes, session, enabledAt: now };
}

/** A member (role member) of an existing company, created directly with a known password. */
export async function seedMember(
  db: Db,
  companyId: string,
  overrides: {
    email?: string;
    mobile?: string | null;
    role?: 'administrator' | 'member' | 'auditor';
    isApiAccount?: boolean;
  } = {},
) {
  const { users } = await import('../lib/db/schema');
  const { hashPassword } = await import('../lib/crypto/password');
  const { builtInRoleId } = await import('../lib/roles/built-in-roles');
  const [user] = await db
    .insert(users)
    .values({
      companyId,
      name: 'Test Member',
      email: overrides.email ?? `member-${randomBytes(4).toString('hex')}@example.com`,
      roleId: await builtInRoleId(db, companyId, overrides.role ?? 'member'),
      mobile: overrides.mobile ?? null,
      isApiAccount: overrides.isApiAccount ?? false,
      passwordHash: await hashPassword(STRONG_PASSWORD),
    })
    .returning();
  return user;
}
