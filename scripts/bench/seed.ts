/**
 * Seeds one company with company-wide 2FA and `count` users, each with a confirmed authenticator.
 * Fast on purpose: the password hash is computed once (lib's hashPassword) and shared, rows go in
 * with a few multi-row INSERTs, and each TOTP secret is encrypted with lib's own encryption.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../lib/db/client';
import { companies, totpCredentials, users } from '../../lib/db/schema';
import { encrypt } from '../../lib/crypto/encryption';
import { hashPassword } from '../../lib/crypto/password';
import { newTotpSecret } from '../../lib/twofactor/totp';
import { findTotpCredential, readTotpSecret } from '../../lib/twofactor/totp-credential';
import { insertBuiltInRoles } from '../../lib/roles/built-in-roles';
import { PASSWORD } from './config';

export type VirtualUser = {
  index: number;
  id: string;
  email: string;
  secret: string;
  /** Each user connects from its own loopback address, so per-address limits see distinct clients. */
  ip: string;
};

/** 127.64.0.1, 127.64.0.2, …: all on the loopback interface, one per user. */
export function loopbackAddress(index: number): string {
  const n = index + 1;
  return `127.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

const CHUNK = 1_000;

export async function seedUsers(db: Db, count: number): Promise<{ users: VirtualUser[]; passwordHash: string }> {
  const passwordHash = await hashPassword(PASSWORD);
  const [company] = await db
    .insert(companies)
    .values({ name: 'Bench Inc.', twoFactorRequired: true, allowTotp: true })
    .returning();
  const roles = await insertBuiltInRoles(db, company.id);
  const seeded: VirtualUser[] = Array.from({ length: count }, (_, index) => ({
    index,
    id: randomUUID(),
    email: `user${index}@bench.example`,
    secret: newTotpSecret(),
    ip: loopbackAddress(index),
  }));
  const confirmedAt = new Date();
  for (let start = 0; start < count; start += CHUNK) {
    const chunk = seeded.slice(start, start + CHUNK);
    await db.insert(users).values(
      chunk.map((user) => ({
        id: user.id,
        companyId: company.id,
        roleId: user.index === 0 ? roles.administrator.id : roles.member.id,
        name: `User ${user.index}`,
        email: user.email,
        passwordHash,
      })),
    );
    await db.insert(totpCredentials).values(
      chunk.map((user) => ({
        userId: user.id,
        startedBy: user.id,
        // The context lib/twofactor/totp-credential binds a secret to; checked below by reading one back.
        secretEncrypted: encrypt(user.secret, `totp:${user.id}`),
        confirmedAt,
      })),
    );
  }
  const credential = await findTotpCredential(db, seeded[0].id);
  if (!credential || readTotpSecret(credential) !== seeded[0].secret)
    throw new Error('Seeding wrote TOTP secrets the app cannot read: check the encryption context.');
  const total = await db.$count(users, eq(users.companyId, company.id));
  if (total !== count) throw new Error(`Seeded ${total} users instead of ${count}.`);
  return { users: seeded, passwordHash };
}
