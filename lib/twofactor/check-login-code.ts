import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { loginCodes } from '../db/schema';
import { safeEqual } from '../crypto/tokens';
import { LOGIN_CODE_MAX_TRIES } from '../limits';
import { loginCodeHashCandidates } from './login-code';
import { normalizeOtp } from './totp';

export type CodeCheck = { ok: true } | { ok: false; error: string };

/**
 * Checks the SMS/email code of a challenge: valid for 2 minutes, 5 tries, once. The try is
 * counted in the same UPDATE that checks the limits, and consuming is a second conditional
 * UPDATE, so neither concurrency nor replay gets past them.
 */
export async function checkLoginCode(
  db: DbOrTx,
  input: { challengeId: string; code: string; now: Date },
): Promise<CodeCheck> {
  const where = eq(loginCodes.challengeId, input.challengeId);
  const [row] = await db
    .update(loginCodes)
    .set({ attempts: sql`${loginCodes.attempts} + 1` })
    .where(
      and(
        where,
        isNull(loginCodes.consumedAt),
        gt(loginCodes.expiresAt, input.now),
        lt(loginCodes.attempts, LOGIN_CODE_MAX_TRIES),
      ),
    )
    .returning({ codeHash: loginCodes.codeHash, attempts: loginCodes.attempts });
  if (!row) return { ok: false, error: await whyNot(db, input) };

  const code = normalizeOtp(input.code);
  const matches =
    code !== null &&
    loginCodeHashCandidates(input.challengeId, code).some((candidate) => safeEqual(candidate, row.codeHash));
  if (!matches) {
    const left = LOGIN_CODE_MAX_TRIES - row.attempts;
    return {
      ok: false,
      error:
        left > 0
          ? `That code isn’t right. ${left} ${left === 1 ? 'try' : 'tries'} left for this code.`
          : 'That code isn’t right, and it has no tries left. Send a new code.',
    };
  }
  const consumed = await db
    .update(loginCodes)
    .set({ consumedAt: input.now })
    .where(and(where, isNull(loginCodes.consumedAt)))
    .returning({ id: loginCodes.challengeId });
  return consumed.length === 1 ? { ok: true } : { ok: false, error: 'This code was already used. Send a new code.' };
}

async function whyNot(db: DbOrTx, input: { challengeId: string; now: Date }): Promise<string> {
  const [row] = await db.select().from(loginCodes).where(eq(loginCodes.challengeId, input.challengeId));
  if (!row) return 'No code has been sent yet. Choose “Send code”.';
  if (row.consumedAt) return 'This code was already used. Send a new code.';
  if (row.expiresAt <= input.now) return 'This code has expired: codes are valid for 2 minutes. Send a new code.';
  return 'Too many wrong tries for this code. Send a new code.';
}
