import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users, type TwoFactorMethod, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { confirmRecentOrPassword } from './confirm-recent';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';
import { fail, ok, type Result } from '../result';
import { loadPolicy } from './load-policy';

const LABELS: Record<TwoFactorMethod, string> = {
  otp: 'a sign-in code by text message or email',
  totp: 'your authenticator app',
  duo: 'Duo',
  passkey: 'a passkey or security key',
};

/**
 * The user's own choice of the method the challenge page offers first, among those their
 * company allows and they have set up. Needs the password (or the session's re-authentication
 * window); ends the user's other sessions.
 */
export async function setPreferredMethod(
  db: Db,
  input: { user: User; sessionId: string; method: TwoFactorMethod; password?: string | null; ip?: string | null },
): Promise<Result> {
  const policy = await loadPolicy(db, input.user);
  // Duo is chosen by Duo Setup (which checks that Duo knows the user); saving it again changes nothing.
  const duoKept = input.method === 'duo' && input.user.preferredMethod === 'duo';
  if (input.method === 'duo' && !duoKept) return fail('Press “Duo Setup” to use Duo: it checks that Duo knows you.');
  if (!duoKept && !policy.methods.includes(input.method as 'otp' | 'totp')) {
    return fail(
      input.method === 'totp'
        ? 'Set up your authenticator app first (above).'
        : 'Your company does not offer that method.',
    );
  }
  const reauth = await confirmRecentOrPassword(db, input);
  if (!reauth.ok) return reauth;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ preferredMethod: input.method }).where(eq(users.id, input.user.id));
    await recordAudit(tx, {
      type: '2fa.preferred_method_changed',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      detail: { method: input.method },
      ip: input.ip,
    });
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
  });
  await notifyUser(db, {
    user: input.user,
    subject: 'Your sign-in method changed',
    paragraphs: [
      `Latchkey will now ask for ${LABELS[input.method]} first when you sign in. Your other sessions were signed out.`,
    ],
  });
  return ok();
}
