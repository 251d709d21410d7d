/** The one answer for an unknown id and for a user of another company: they must look the same. */
export const USER_NOT_FOUND = 'No such user in your company.';

/**
 * The admin screens never change the admin's own account: a stolen admin session must not be able
 * to take it over (a new email, an authenticator of the thief's) or strip its protections there.
 */
export const SELF_SERVICE_ONLY =
  'Admins don’t change their own account from the admin screens. Use Account › Security, where your password is asked again; for your email, role or API setting, ask another admin.';

/** True when an admin action would act on the admin's own account (see SELF_SERVICE_ONLY). */
export const isSelf = (input: { actorUserId: string; targetUserId: string }) =>
  input.actorUserId === input.targetUserId;

/**
 * An admin's confirmation that says "We emailed …" only when the email went (docs/GLOSSARY.md); when
 * it did not, the change still stands and the admin is told to pass it on.
 */
export function withEmailNote(done: string, emailed: boolean, whom = 'the user'): string {
  return emailed ? `${done}. We emailed ${whom}.` : `${done}, but we could not email ${whom}: tell them yourself.`;
}
