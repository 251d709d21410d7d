import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { recoveryRequests } from '../db/schema';
import { hashToken } from '../crypto/tokens';

export type RecoveryLinkKind = 'confirm' | 'cancel';
export type RecoveryLinkState = 'open' | 'expired' | 'confirmed' | 'cancelled' | 'approved' | 'unknown';

/**
 * What an emailed link points at, for the page that asks the user to press the button and for
 * the message after a refused change. Read-only: the change itself is one conditional UPDATE.
 */
export async function describeRecoveryLink(
  db: DbOrTx,
  input: { kind: RecoveryLinkKind; token: string; now?: Date },
): Promise<{ state: RecoveryLinkState }> {
  const now = input.now ?? new Date();
  const column = input.kind === 'confirm' ? recoveryRequests.emailTokenHash : recoveryRequests.cancelTokenHash;
  const [row] = await db
    .select({ status: recoveryRequests.status, expiresAt: recoveryRequests.expiresAt })
    .from(recoveryRequests)
    .where(eq(column, hashToken(input.token)))
    .limit(1);
  if (!row) return { state: 'unknown' };
  if (row.status === 'approved' || row.status === 'used') return { state: 'approved' };
  if (row.status === 'cancelled') return { state: 'cancelled' };
  if (row.status === 'expired' || row.expiresAt <= now) return { state: 'expired' };
  if (input.kind === 'confirm' && row.status === 'awaiting_admin') return { state: 'confirmed' };
  return { state: 'open' };
}

/** Plain words for a link that can no longer do its job, and what to do next. */
export const RECOVERY_LINK_MESSAGES: Record<Exclude<RecoveryLinkState, 'open'>, string> = {
  expired: 'This link has expired. Sign in with your password and ask for help again to start a new request.',
  confirmed: 'This link was already used: your request is with your company’s administrators.',
  cancelled:
    'This request was cancelled, so the link no longer works. If you still need help, sign in with your password and ask again.',
  approved:
    'An administrator already approved this request: sign in with your password. If you didn’t ask for it, tell your administrator at once.',
  unknown: 'This link isn’t valid. Copy the whole link from the email, or sign in and ask for help again.',
};
