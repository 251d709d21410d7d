import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { companies, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { normalizeEmail } from './normalize';
import { checkNewPassword } from './check-new-password';
import { formatWait, hitRateLimit } from '../rate-limit/hit';
import { HOUR_MS, signupsPerIpPerHour } from '../limits';
import { fail, ok, type Result } from '../result';

export type SignUpInput = {
  companyName: string;
  name: string;
  email: string;
  username?: string | null;
  password: string;
  ip?: string | null;
};
export type SignUpResult = Result<User, never>;

const CORRECT_FIELDS = 'Please correct the highlighted fields.';
const onField = (field: keyof SignUpInput, error: string) => fail(CORRECT_FIELDS, { fieldErrors: { [field]: error } });

/** Creates a company and its first user, who is the company's admin, in one transaction. */
export async function signUp(db: Db, input: SignUpInput): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const passwordProblem = checkNewPassword(input.password, [
    email,
    input.name,
    input.companyName,
    input.username ?? '',
  ]);
  if (passwordProblem) return onField('password', passwordProblem);
  if (input.ip) {
    // Before the hash: a flood of sign-ups must not queue up the CPU or mint companies.
    const limit = await hitRateLimit(db, {
      key: `signup:ip:${input.ip}`,
      limit: signupsPerIpPerHour(),
      windowMs: HOUR_MS,
    });
    if (!limit.allowed)
      return fail(`Too many new accounts from your network. Try again in ${formatWait(limit.retryAfterSeconds)}.`);
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
    return ok(user);
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'users_email_lower_idx')
      return onField('email', 'An account with this email already exists. Sign in instead.');
    if (constraint === 'users_username_lower_idx')
      return onField('username', 'This username is taken. Choose another.');
    throw error;
  }
}
