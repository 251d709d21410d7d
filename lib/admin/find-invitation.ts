import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, invitations, users } from '../db/schema';
import { hashToken } from '../crypto/tokens';
import { LINK_TOKEN_MAX_LENGTH } from '../limits';

export type InvitationState =
  | { state: 'valid'; userId: string; name: string; email: string; companyName: string }
  | { state: 'used' | 'expired' | 'invalid' };

export const INVITATION_MESSAGES = {
  used: 'This invitation was already used to set a password. Sign in with your email and that password.',
  expired: 'This invitation has expired. Ask your company’s administrator to send you a new one.',
  invalid:
    'This invitation link isn’t valid. Check that you opened the whole link from the email, or ask your administrator for a new one.',
} as const;

/** What an invitation link leads to, read-only: opening the link changes nothing. */
export async function findInvitation(db: DbOrTx, input: { token: string; now?: Date }): Promise<InvitationState> {
  const now = input.now ?? new Date();
  if (!input.token || input.token.length > LINK_TOKEN_MAX_LENGTH) return { state: 'invalid' };
  const [row] = await db
    .select({
      invitation: invitations,
      user: { id: users.id, name: users.name, email: users.email, disabled: users.disabled },
      companyName: companies.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(invitations.tokenHash, hashToken(input.token)));
  if (!row) return { state: 'invalid' };
  if (row.invitation.usedAt) return { state: 'used' };
  // A deactivated user's invitation is void (deactivation expires it): they ask an admin, as for an expired one.
  if (row.invitation.expiresAt <= now || row.user.disabled) return { state: 'expired' };
  return {
    state: 'valid',
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    companyName: row.companyName,
  };
}
