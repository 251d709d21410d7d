import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { reauthenticateSession } from './reauthenticate-session';
import { fail, ok, type Result } from '../result';
import { readReauthentication, reauthenticatedRecently } from '../sessions/reauthentication';
import { confirmPassword } from '../accounts/confirm-password';

export const CONFIRM_PASSWORD_MESSAGE = 'Confirm your password to make this change.';

type Input = { user: User; sessionId?: string | null; password?: string | null; ip?: string | null; now?: Date };

/**
 * The gate of every self-service security change (Account › Security). A session that confirmed its
 * user within REAUTH_WINDOW_MS (the admin screens' "sudo mode": the same stamp and window) needs no
 * password; otherwise the password is required, and a right one stamps this session, so the next
 * changes within the window do not ask again. The window is read from the database, never from the
 * form: a post that leaves the password out is refused outside it. Wrong passwords count against
 * the same limits as every re-authentication; a wrong or missing one is tied to `password`. Without
 * a session (seeds, scripts) the password alone decides and nothing is stamped.
 */
export async function confirmRecentOrPassword(db: Db, input: Input): Promise<Result> {
  const now = input.now ?? new Date();
  const { user, sessionId, password, ip } = input;
  const recent = sessionId ? await isRecentlyConfirmed(db, sessionId, now) : false;
  // Outside the window a right password opens it (stamped and audited as a re-authentication).
  if (password && sessionId && !recent)
    return reauthenticateSession(db, { user, sessionId, method: 'password', secret: password, ip, now });
  // A password sent anyway (inside the window, or without a session) must still be the right one.
  if (password) {
    const checked = await confirmPassword(db, { userId: user.id, password, now });
    if (checked.ok) return checked;
    return fail(checked.error, {
      retryAfterSeconds: checked.retryAfterSeconds,
      fieldErrors: { password: checked.error },
    });
  }
  if (recent) return ok();
  return fail(CONFIRM_PASSWORD_MESSAGE, { fieldErrors: { password: 'Enter your password.' } });
}

/** Whether this session may make security changes without the password right now (for the page). */
export async function isRecentlyConfirmed(db: Db, sessionId: string, now = new Date()): Promise<boolean> {
  const stored = await readReauthentication(db, sessionId);
  return Boolean(stored && reauthenticatedRecently(stored, now));
}
