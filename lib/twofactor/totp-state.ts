import type { TotpCredential } from '../db/schema';
import { resolvePolicy, type Policy, type PolicyInput } from './policy';

/** A user's authenticator app: none (or not the viewer's to see), enrolment in progress, or active. */
export type TotpState = 'off' | 'pending' | 'on';

type CredentialFields = Pick<TotpCredential, 'userId' | 'confirmedAt' | 'startedBy'>;

/** Who a pending enrolment belongs to: its starter, or (for rows from before that was kept) the user. */
export const startedByOf = (credential: CredentialFields) => credential.startedBy ?? credential.userId;

/**
 * The one answer to "is this user's authenticator off, pending or on?", for every screen. Active
 * means confirmed, whoever looks. A pending enrolment is "pending" only to the person who started
 * it (the user on Account › Security, or the admin at their side); to anyone else it is "off": it
 * is not theirs to see or finish, and it protects nothing yet.
 */
export function totpState(credential: CredentialFields | null | undefined, viewerId: string): TotpState {
  if (!credential) return 'off';
  if (credential.confirmedAt) return 'on';
  return startedByOf(credential) === viewerId ? 'pending' : 'off';
}

/**
 * The second-factor policy of a user whose authenticator is in `totp` state: the same
 * resolvePolicy sign-in uses, so the Security page, the admin table and the API list the methods
 * sign-in will actually offer. Only an active authenticator counts; a pending one offers nothing.
 */
export function policyFor(input: {
  company: PolicyInput['company'];
  user: Omit<PolicyInput['user'], 'hasTotp'>;
  totp: TotpState;
  /** The user holds a passkey or security key (counted while the company allows them). */
  hasPasskey?: boolean;
}): Policy {
  return resolvePolicy({
    company: input.company,
    user: { ...input.user, hasTotp: input.totp === 'on', hasPasskey: input.hasPasskey ?? false },
  });
}
