/** Every limit and lifetime of the product, in one place. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** What a sign-in or confirmation form accepts as a password before refusing it unread. */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;
/** An email address (RFC 5321) or a username, as typed into sign-in. */
export const IDENTIFIER_MAX_LENGTH = 320;
/** A second-factor code as typed or pasted (a backup code with dashes and spaces fits). */
export const CODE_INPUT_MAX_LENGTH = 40;
/** zxcvbn score (0–4) a new password must reach. */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Sessions end after a time without requests (idle) and a time after they began (absolute), NIST
 * SP 800-63B AAL2 by default; each company may choose within these bounds.
 */
export const SESSION_IDLE_DEFAULT_MINUTES = 30;
export const SESSION_IDLE_MIN_MINUTES = 5;
export const SESSION_IDLE_MAX_MINUTES = 120;
export const SESSION_LIFETIME_DEFAULT_HOURS = 12;
export const SESSION_LIFETIME_MIN_HOURS = 1;
export const SESSION_LIFETIME_MAX_HOURS = 24;
export const SESSION_LIFETIME_MS = SESSION_LIFETIME_DEFAULT_HOURS * HOUR_MS;
/** A session's last-seen time is written at most this often (one UPDATE a minute, not one a request). */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE_MS;
/** How much of a browser's User-Agent a session keeps (to name the device in lists). */
export const USER_AGENT_MAX_LENGTH = 300;
export const LOGIN_CHALLENGE_LIFETIME_MS = 10 * MINUTE_MS;

export const PASSWORD_WINDOW_MS = 15 * MINUTE_MS;
/** Failed sign-ins per account per window before it is locked for the rest of the window. */
export const PASSWORD_FAILURES_PER_ACCOUNT = 10;
/** Sign-in attempts per IP address per window. */
export const PASSWORD_ATTEMPTS_PER_IP = 100;

export const TOTP_ISSUER = 'Latchkey';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after now are accepted, for clock drift. */
export const TOTP_TOLERANCE_STEPS = 1;

export const BACKUP_CODE_COUNT = 10;
/** 10 characters of a 32-letter alphabet: 50 bits each. */
export const BACKUP_CODE_LENGTH = 10;
/** At or below this many unused codes, the app urges regeneration. */
export const BACKUP_CODES_LOW = 2;

/** Wrong second-factor codes allowed on one sign-in challenge before it is void. */
export const CHALLENGE_MAX_ATTEMPTS = 10;
/** Wrong second-factor codes per account per window, across challenges. */
export const SECOND_FACTOR_FAILURES_PER_ACCOUNT = 10;
export const SECOND_FACTOR_WINDOW_MS = 15 * MINUTE_MS;
/** Password re-confirmations (enable, disable, regenerate…) per account per window. */
export const REAUTH_FAILURES_PER_ACCOUNT = 10;

/** SMS/email sign-in codes. */
export const LOGIN_CODE_LIFETIME_MS = 2 * MINUTE_MS;
export const LOGIN_CODE_MAX_TRIES = 5;
export const LOGIN_CODE_RESEND_COOLDOWN_MS = 30_000;

export const INVITATION_LIFETIME_MS = 48 * HOUR_MS;

/** Support-assisted recovery. */
export const RECOVERY_ANSWER_TRIES_PER_DAY = 5;
export const RECOVERY_ANSWER_WINDOW_MS = 24 * HOUR_MS;
export const RECOVERY_REQUEST_LIFETIME_MS = 72 * HOUR_MS;

/**
 * NIST SP 800-63B: never more than 100 consecutive failed attempts per account. Failures are
 * counted over this long window and only a success clears them.
 */
export const CONSECUTIVE_FAILURES_LIMIT = 100;
export const CONSECUTIVE_FAILURES_WINDOW_MS = 30 * 24 * HOUR_MS;

/** SMS/email codes sent per user and per destination per hour (against SMS pumping). */
export const LOGIN_CODES_PER_HOUR = 10;
/** Sign-ups per IP address per hour (each costs a password hash and creates a company). */
export const signupsPerIpPerHour = () => Number(process.env.LATCHKEY_SIGNUPS_PER_IP_PER_HOUR) || 20;

/** "Forgot password" links. */
export const PASSWORD_RESET_LIFETIME_MS = HOUR_MS;
export const PASSWORD_RESETS_PER_EMAIL_PER_HOUR = 3;
export const PASSWORD_RESETS_PER_IP_PER_HOUR = 10;
