/** The one answer for an unknown id and for a user of another company: they must look the same. */
export const USER_NOT_FOUND = 'No such user in your company.';

/** Admins change their own sign-in methods from Account › Security, where the password is asked again. */
export const SELF_SERVICE_ONLY =
  'Change your own two-factor settings from Account › Security, where your password is asked again.';
