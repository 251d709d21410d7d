import { TOTP_PERIOD_SECONDS } from '../limits';

/** Copy shared by enrolment and sign-in, so the same mistake gets the same advice. */
export const WRONG_TOTP_MESSAGE = `That code didn’t match. Codes change every ${TOTP_PERIOD_SECONDS} seconds: enter the one your app shows now, and check that your phone’s clock is set automatically.`;
export const REPLAYED_TOTP_MESSAGE =
  'That code was already used. Wait for your app to show the next code, then enter it.';
export const WRONG_BACKUP_CODE_MESSAGE =
  'That backup code isn’t right. Check it against your saved list (dashes and spaces don’t matter).';
export const USED_BACKUP_CODE_MESSAGE =
  'This backup code has already been used. Each code works once: try another one from your list.';
