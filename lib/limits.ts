/** Every limit and lifetime of the product, in one place. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn score (0–4) a new password must reach. */
export const PASSWORD_MIN_SCORE = 3;

export const SESSION_LIFETIME_MS = 12 * HOUR_MS;
export const LOGIN_CHALLENGE_LIFETIME_MS = 10 * MINUTE_MS;

export const PASSWORD_WINDOW_MS = 15 * MINUTE_MS;
/** Failed sign-ins per account per window before it is locked for the rest of the window. */
export const PASSWORD_FAILURES_PER_ACCOUNT = 10;
/** Sign-in attempts per IP address per window. */
export const PASSWORD_ATTEMPTS_PER_IP = 100;
