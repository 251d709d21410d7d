import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { companies, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { normalizeEmail } from './normalize';
import { checkNewPassword } from './password-policy';
import { formatWait, hitRateLimit } from '../rate-limit/hit';
import { HOUR_MS, signupsPerIpPerHour } from '../limits';

export type SignUpInput = {
  companyName: string;
  name: string;
  email: string;
  username?: string | null;
  password: string;
  ip?: string | null;
};
export type SignUpResult =
  { ok: true; user: User } | { ok: false; fieldErrors: Partial<Record<keyof SignUpInput, string>>; error?: string };

/** Creates a company and its first user, who is the company's admin, in one transaction. */
export async function signUp(db: Db, input: SignUpInput): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const passwordProblem = checkNewPassword(input.password, [
    email,
    input.name,
    input.companyName,
    input.username ?? '',
  ]);
  if (passwordProblem) return { ok: false, fieldErrors: { password: passwordProblem } };
  if (input.ip) {
    // Before the hash: a flood of sign-ups must not queue up the CPU or mint companies.
    const limit = await hitRateLimit(db, {
      key: `signup:ip:${input.ip}`,
      limit: signupsPerIpPerHour(),
      windowMs: HOUR_MS,
    });
    if (!limit.allowed)
      return {
        ok: false,
        fieldErrors: {},
        error: `Too many new accounts from your network. Try again in ${formatWait(limit.retryAfterSeconds)}.`,
      };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.transaction(async (tx) => {
      const [company] = await tx.insert(companies).values({ name: input.companyName.trim() }).returning();
      const [created] = await tx
        .insert(users)
        .values({
          companyId: company.id,
          role: 'admin',
          name: input.name.trim(),
          email,
          username: input.username || null,
          passwordHash,
        })
        .returning();
      await recordAudit(tx, {
        type: 'account.created',
        companyId: company.id,
        actorUserId: created.id,
        targetUserId: created.id,
        ip: input.ip,
      });
      return created;
    });
    return { ok: true, user };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'users_email_lower_idx')
      return { ok: false, fieldErrors: { email: 'An account with this email already exists. Sign in instead.' } };
    if (constraint === 'users_username_lower_idx')
      return { ok: false, fieldErrors: { username: 'This username is taken. Choose another.' } };
    throw error;
  }
}
