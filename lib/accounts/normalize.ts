/** Emails are compared case-insensitively; we store them lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Usernames: 3–32 letters, digits, dots, dashes or underscores; compared case-insensitively. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9._-]{3,32}$/;
