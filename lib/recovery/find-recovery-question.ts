import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { securityQuestions } from '../db/schema';

/** The text of the user's security question, to ask during recovery (never the answer's hash). */
export async function findRecoveryQuestion(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ question: securityQuestions.question })
    .from(securityQuestions)
    .where(eq(securityQuestions.userId, userId));
  return row?.question ?? null;
}
