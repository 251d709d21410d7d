import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../limits';

/** Emails are compared case-insensitively; we store them lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Usernames: 3–32 letters, digits, dots, dashes or underscores; compared case-insensitively. */
export const USERNAME_PATTERN = new RegExp(`^[a-zA-Z0-9._-]{${USERNAME_MIN_LENGTH},${USERNAME_MAX_LENGTH}}$`);

/** Trim, case-fold, collapse inner spaces: "  New  York " and "new york" are the same answer. */
export function normalizeSecurityAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().toLocaleLowerCase('en').replace(/\s+/g, ' ');
}
