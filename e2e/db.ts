/**
 * Direct access to the e2e server's own PostgreSQL, for seeding state a journey starts from
 * (a member of a company, a mobile number) and for moving time forward on a row (an expired
 * code). It uses the same lib/ functions as the app; nothing of the app is replaced.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { connect, type Db } from '../lib/db/client';
import { users, type User } from '../lib/db/schema';
import { builtInRoleId } from '../lib/roles/built-in-roles';
import { hashPassword } from '../lib/crypto/password';
import { E2E_PG_PORT } from './config';
import { PASSWORD } from './helpers';

const dataDir = path.resolve('.data', 'e2e');
let handle: { db: Db; close: () => Promise<void> } | undefined;

/** The secrets the e2e server generated at its first start (AUTH_SECRET, APP_ENCRYPTION_KEY). */
export function e2eSecrets(): Record<string, string> {
  return JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
}

/** The e2e server's own PostgreSQL, as a DATABASE_URL. */
export function e2eDatabaseUrl(): string {
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  return `postgres://latchkey:${encodeURIComponent(password)}@127.0.0.1:${E2E_PG_PORT}/latchkey`;
}

/** The e2e database, with the server's secrets loaded so encryption and keyed hashes match. */
export function e2eDb(): Db {
  if (!handle) {
    process.env.APP_ENCRYPTION_KEY = e2eSecrets().APP_ENCRYPTION_KEY;
    handle = connect(e2eDatabaseUrl(), { max: 2 });
  }
  return handle.db;
}

/** Adds a member with the standard test password to the company of `adminEmail`. */
export async function seedMember(
  adminEmail: string,
  options: { mobile?: string; name?: string; role?: 'administrator' | 'member' | 'auditor' } = {},
): Promise<User> {
  const db = e2eDb();
  const [admin] = await db.select().from(users).where(eq(users.email, adminEmail.toLowerCase()));
  const tag = Math.random().toString(36).slice(2, 10);
  const [member] = await db
    .insert(users)
    .values({
      companyId: admin.companyId,
      name: options.name ?? `Member ${tag}`,
      email: `member-${tag}@example.com`,
      roleId: await builtInRoleId(db, admin.companyId, options.role ?? 'member'),
      mobile: options.mobile ?? null,
      passwordHash: await hashPassword(PASSWORD),
    })
    .returning();
  return member;
}
