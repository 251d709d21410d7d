import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema';
import { notifyUser } from './notify-user';

/** Emails every active admin of a company (after the change committed; failures are audited). */
export async function notifyCompanyAdmins(
  db: DbOrTx,
  input: { companyId: string; subject: string; paragraphs: string[] },
): Promise<void> {
  const admins = await db
    .select()
    .from(users)
    .where(and(eq(users.companyId, input.companyId), eq(users.role, 'admin'), eq(users.disabled, false)));
  const footer = 'You receive this because you are an administrator of your company in Latchkey.';
  for (const admin of admins)
    await notifyUser(db, { user: admin, subject: input.subject, paragraphs: input.paragraphs, footer });
}
