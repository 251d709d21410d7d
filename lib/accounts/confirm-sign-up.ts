import { and, eq, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { pendingSignUps, type User } from '../db/schema';
import { hashToken } from '../crypto/tokens';
import { LINK_TOKEN_MAX_LENGTH } from '../limits';
import { fail, ok, type Result } from '../result';
import { insertCompanyWithAdmin } from './create-company';

export const SIGN_UP_LINK_INVALID =
  'This link has expired or was already used. If you created your account, sign in; otherwise sign up again.';
export const SIGN_UP_EMAIL_TAKEN =
  'An account with this email already exists. Sign in, or reset your password if you forgot it.';
export const SIGN_UP_USERNAME_TAKEN = 'This username is taken. Choose another, or leave it empty.';

export type PendingSignUpView = { email: string; name: string; companyName: string; username: string | null };

const live = (token: string, now: Date) =>
  and(eq(pendingSignUps.tokenHash, hashToken(token)), gt(pendingSignUps.expiresAt, now));

/** What a sign-up link would create, read-only: opening the link changes nothing. */
export async function findSignUp(db: DbOrTx, token: string, now = new Date()): Promise<PendingSignUpView | null> {
  if (!token || token.length > LINK_TOKEN_MAX_LENGTH) return null;
  const [row] = await db
    .select({
      email: pendingSignUps.email,
      name: pendingSignUps.name,
      companyName: pendingSignUps.companyName,
      username: pendingSignUps.username,
    })
    .from(pendingSignUps)
    .where(live(token, now));
  return row ?? null;
}

/**
 * Step two of sign-up, behind the confirm button of the emailed link: consumes the pending
 * sign-up (`DELETE … RETURNING`, so of concurrent confirmations one wins) and creates the company
 * and its admin in the same transaction. A username taken meanwhile rolls everything back and
 * comes back as the `username` field's error, with the link still usable: the person chooses
 * another (or none) and confirms again.
 */
export async function confirmSignUp(
  db: Db,
  input: { token: string; username: string | null; ip?: string | null; now?: Date },
): Promise<Result<User>> {
  const now = input.now ?? new Date();
  if (!input.token || input.token.length > LINK_TOKEN_MAX_LENGTH) return fail(SIGN_UP_LINK_INVALID);
  try {
    const admin = await db.transaction(async (tx) => {
      const [pending] = await tx.delete(pendingSignUps).where(live(input.token, now)).returning();
      if (!pending) return null;
      return insertCompanyWithAdmin(tx, { ...pending, username: input.username, ip: input.ip ?? pending.ip });
    });
    return admin ? ok(admin) : fail(SIGN_UP_LINK_INVALID);
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'users_email_lower_idx') return fail(SIGN_UP_EMAIL_TAKEN);
    if (constraint === 'users_username_lower_idx')
      return fail(SIGN_UP_USERNAME_TAKEN, { fieldErrors: { username: SIGN_UP_USERNAME_TAKEN } });
    throw error;
  }
}
