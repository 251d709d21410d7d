import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { loginCodes } from '../db/schema';

/** Where and when the current SMS/email code of a challenge went (never the code or its hash). */
export async function findLoginCode(db: DbOrTx, challengeId: string) {
  const [row] = await db
    .select({ channel: loginCodes.channel, sentAt: loginCodes.sentAt, expiresAt: loginCodes.expiresAt })
    .from(loginCodes)
    .where(eq(loginCodes.challengeId, challengeId));
  return row;
}
