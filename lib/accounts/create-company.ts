import type { Db, DbOrTx } from '../db/client';
import { companies, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { insertBuiltInRoles } from '../roles/built-in-roles';

export type NewCompany = {
  companyName: string;
  name: string;
  email: string;
  username?: string | null;
  passwordHash: string;
  ip?: string | null;
};

/**
 * Inserts a company and its built-in roles and its first user, its Administrator, with the audit row. Call it inside the
 * transaction that decides the company may exist (confirmSignUp); a taken email or username
 * throws Postgres's unique violation, which rolls that transaction back.
 */
export async function insertCompanyWithAdmin(tx: DbOrTx, input: NewCompany): Promise<User> {
  const [company] = await tx.insert(companies).values({ name: input.companyName.trim() }).returning();
  const builtIn = await insertBuiltInRoles(tx, company.id);
  const [admin] = await tx
    .insert(users)
    .values({
      companyId: company.id,
      roleId: builtIn.administrator.id,
      name: input.name.trim(),
      email: input.email,
      username: input.username || null,
      passwordHash: input.passwordHash,
    })
    .returning();
  await recordAudit(tx, {
    type: 'account.created',
    companyId: company.id,
    actorUserId: admin.id,
    targetUserId: admin.id,
    ip: input.ip,
  });
  return admin;
}

/** A company and its admin in one transaction, for seeds, tests and the benchmark. */
export function createCompany(db: Db, input: NewCompany): Promise<User> {
  return db.transaction((tx) => insertCompanyWithAdmin(tx, input));
}
