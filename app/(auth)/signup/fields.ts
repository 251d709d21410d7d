import { z } from 'zod';
import { USERNAME_PATTERN } from '@/lib/accounts/normalize';
import { tooLong } from '@/lib/field-messages';
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '@/lib/limits';

export const EMAIL_MESSAGE = 'Enter an email address like name@example.com.';

/** The username rule, on the form and again on the confirm page (where a clash found late is resolved). */
export const usernameField = z
  .string()
  .trim()
  .max(USERNAME_MAX_LENGTH, tooLong(USERNAME_MAX_LENGTH))
  .refine(
    (v) => v === '' || USERNAME_PATTERN.test(v),
    `Use ${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits, dots, dashes or underscores, or leave it empty.`,
  );
