import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { securityQuestions } from '../db/schema';

/** When the user's question was set (never the answer, not even its hash). */
export async function findSecurityQuestion(db: DbOrTx, userId: string): Promise<{ setAt: Date } | undefined> {
  const [row] = await db
    .select({ setAt: securityQuestions.setAt })
    .from(securityQuestions)
    .where(eq(securityQuestions.userId, userId));
  return row;
}
