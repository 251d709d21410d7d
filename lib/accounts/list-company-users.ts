import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users, type User } from '../db/schema';

/** The users of one company, by name. The company comes from the admin's session. */
export async function listCompanyUsers(db: DbOrTx, companyId: string): Promise<User[]> {
  return db.select().from(users).where(eq(users.companyId, companyId)).orderBy(asc(users.name));
}
