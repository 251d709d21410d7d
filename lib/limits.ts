/** Every limit and lifetime of the product, in one place. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/**
 * Password checks (sign-in, API) in progress at once per argon2 slot (one slot per core); more are
 * answered "busy, try again in N seconds" at once rather than queued behind the hashes.
 */
export const PASSWORD_CHECKS_PER_HASH_SLOT = 8;
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
/**
 * Sign-in attempts per IP address per window (LATCHKEY_SIGN_INS_PER_IP, default 100): raise it
 * when many users share one address (an office behind NAT), as the e2e run does from 127.0.0.1.
 */
export const passwordAttemptsPerIp = () => Number(process.env.LATCHKEY_SIGN_INS_PER_IP) || 100;

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

// ---------------------------------------------------------------------------------------------
// Form fields, pages and timeouts (appended with issue 7: every number the UI shows or a schema
// caps comes from here). Input caps bound work before anything expensive runs (DESIGN §3).
// ---------------------------------------------------------------------------------------------

/** Longest password a form accepts before any hash or strength check sees it. */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;
/** RFC 5321: an email address is at most 320 characters. */
export const EMAIL_MAX_LENGTH = 320;
/** What sign-in accepts as an email or username. */
export const IDENTIFIER_MAX_LENGTH = EMAIL_MAX_LENGTH;
/** A person's or a company's name. */
export const NAME_MAX_LENGTH = 120;
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
/** A mobile number as typed, spaces and all, before it is parsed. */
export const MOBILE_INPUT_MAX_LENGTH = 40;
/** A code as typed or pasted, spaces and dashes included (a backup code with separators fits). */
export const CODE_INPUT_MAX_LENGTH = 40;
/** The search box of the users table. */
export const USER_SEARCH_MAX_LENGTH = 100;
/** The optional reason an admin gives for "Reset 2FA" (kept in the audit log). */
export const RESET_REASON_MAX_LENGTH = 300;

/** A security question the user writes themselves, and its answer (after normalizing). */
export const SECURITY_QUESTION_MIN_LENGTH = 10;
export const SECURITY_QUESTION_MAX_LENGTH = 200;
export const SECURITY_ANSWER_MIN_LENGTH = 3;
export const SECURITY_ANSWER_MAX_LENGTH = 200;

/** Tokens of emailed links (invitation, password reset, recovery) are 43 characters; others cannot match. */
export const LINK_TOKEN_MIN_LENGTH = 20;
export const LINK_TOKEN_MAX_LENGTH = 100;

/** Duo settings as typed in the company dialog (their real formats are checked afterwards). */
export const DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH = 100;
export const DUO_INPUT_MAX_LENGTH = 200;

/** Newest security events on the Activity page. */
export const ACTIVITY_PAGE_SIZE = 100;
/** Newest messages on the development outbox page. */
export const OUTBOX_PAGE_SIZE = 50;

/** How long a text message may take to reach Twilio before it counts as not sent. */
export const SMS_PROVIDER_TIMEOUT_MS = 10_000;
/** What the API's 503 tells clients to wait (Retry-After) while the database is unreachable. */
export const API_UNAVAILABLE_RETRY_SECONDS = 30;

// ---------------------------------------------------------------------------------------------
// Issue 8 (accounts): strength checks off the main thread and counted first, verified sign-up,
// invitation limits, lockouts that back off.
// ---------------------------------------------------------------------------------------------

export const DAY_MS = 24 * HOUR_MS;

/** New passwords tried per account per window (change, reset, invitation), counted before the check. */
export const NEW_PASSWORD_CHECKS_PER_ACCOUNT = 10;
export const NEW_PASSWORD_CHECK_WINDOW_MS = 15 * MINUTE_MS;
/**
 * How much of a new password the strength check scores: zxcvbn's time grows steeply with length
 * (about 0.3 s for 64 characters, seconds for 256, on a busy 2-core machine).
 */
export const PASSWORD_STRENGTH_SCORED_LENGTH = 64;
/** A strength check that runs longer than this is abandoned and the user asked for another password. */
export const PASSWORD_STRENGTH_TIMEOUT_MS = 3_000;
/** Strength checks waiting beyond this many are turned away, to be tried again a few seconds later. */
export const PASSWORD_STRENGTH_QUEUE_MAX = 10;
export const PASSWORD_STRENGTH_BUSY_RETRY_SECONDS = 5;

/** Sign-up is confirmed by an emailed single-use link; nothing is created until then. */
export const SIGNUP_LINK_LIFETIME_MS = 24 * HOUR_MS;
/** Sign-up emails (link or "you already have an account") per address per hour, against mail bombing. */
export const SIGNUP_EMAILS_PER_ADDRESS_PER_HOUR = 3;

/** Invitations send mail in our name: per admin per hour, per company per day (resends included). */
export const INVITATIONS_PER_ADMIN_PER_HOUR = 20;
export const INVITATIONS_PER_COMPANY_PER_DAY = 100;
/** "Someone tried to invite you" emails per address per day (the inviting admin is told nothing). */
export const INVITATION_NOTICES_PER_ADDRESS_PER_DAY = 3;

/**
 * Lockouts back off: the first lasts the rest of its window (15 minutes at most), each repeated
 * one twice as long as the last (30 minutes, 1 hour…), never more than this. A success, an
 * admin's Unlock or the purge of ended windows starts over.
 */
export const LOCKOUT_BACKOFF_MAX_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Admin "sudo mode" and admin-requested email changes (issue 8). Admin actions that change who can
// sign in need the admin's session to have confirmed its user recently (DESIGN §3).
// ---------------------------------------------------------------------------------------------

/** How long one confirmation (password or a second factor) covers an admin session's sensitive actions. */
export const REAUTH_WINDOW_MS = 10 * MINUTE_MS;
/** How long the link that confirms an admin-requested email change works. */
export const EMAIL_CHANGE_LIFETIME_MS = 48 * HOUR_MS;

/**
 * Issue 9: an approved recovery request lets its user sign in once with the password alone
 * (the admin's identity check stands in for the lost factor), for this long after the approval.
 */
export const RECOVERY_SIGN_IN_LIFETIME_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Duo Auth API client (issue 10). Duo Push itself times out after 60 seconds on Duo's side.
// ---------------------------------------------------------------------------------------------

/** How long one Duo call (check, preauth, enroll, a passcode…) may take before it counts as failed. */
export const DUO_REQUEST_TIMEOUT_MS = 5_000;
/** A synchronous push or phone call waits for the person; Duo ends it after about a minute. */
export const DUO_AUTH_WAIT_TIMEOUT_MS = 75_000;
/** auth_status long-polls: Duo answers when the status changes, so it may hold the request a while. */
export const DUO_AUTH_STATUS_TIMEOUT_MS = 65_000;
/** Answers of 429 (rate limited) are retried this many times, waiting longer each time. */
export const DUO_RATE_LIMIT_RETRIES = 3;
/** The first wait after a 429 without Retry-After; each next one doubles (plus up to half again of jitter). */
export const DUO_RETRY_BASE_DELAY_MS = 500;
/** A Retry-After longer than this is not waited for: the call fails and says when to try again. */
export const DUO_RETRY_MAX_DELAY_MS = 4_000;
/** A refused signature with the answer's Date this far from our clock is reported as a clock problem. */
export const DUO_CLOCK_SKEW_NOTICE_MS = 60_000;
/** The largest Duo answer read (JSON), and the largest image (activation barcode, logo) passed on. */
export const DUO_RESPONSE_MAX_BYTES = 1_000_000;
export const DUO_IMAGE_MAX_BYTES = 512 * 1024;

/** How long a sign-in waits for a Duo Push or call it started (Duo gives up after 60 s), before counting it timed out. */
export const DUO_PUSH_WAIT_MS = 75_000;
/** Status polls of one sign-in's Duo Push (each long-polls Duo, so a browser needs few). */
export const DUO_STATUS_POLLS_PER_CHALLENGE = 120;
/** How long a Duo Setup (its activation barcode and link) stays valid; Duo is told the same (valid_secs). */
export const DUO_SETUP_LIFETIME_MS = HOUR_MS;
/** How often the Duo Setup page asks whether the phone is activated. */
export const DUO_SETUP_POLL_INTERVAL_MS = 2_000;
/** Status checks and barcode loads of one user's Duo Setup per minute (each one is a call to Duo). */
export const DUO_SETUP_CHECKS_PER_MINUTE = 60;

/** The longest role name (Company › Roles), counted after trimming. */
export const ROLE_NAME_MAX_LENGTH = 60;
/** Custom roles one company may have: far more than an organisation needs, few enough for one page. */
export const CUSTOM_ROLES_MAX = 50;
// ---------------------------------------------------------------------------------------------
// API Accounts and their keys (issue 11): marking, rotating, allow-lists, keys.
// ---------------------------------------------------------------------------------------------

/** An API Account's password: at least this long… */
export const API_ACCOUNT_PASSWORD_MIN_LENGTH = 20;
/** …and with zxcvbn's top score (0–4): nobody types it, so it can be as strong as a password gets. */
export const API_ACCOUNT_PASSWORD_MIN_SCORE = 4;
/** A generated API Account password: 32 characters of a 57-letter alphabet, about 186 bits. */
export const API_ACCOUNT_GENERATED_PASSWORD_LENGTH = 32;
/** The allow-list as typed (one range per line; ALLOW_LIST_MAX_ENTRIES in lib/net/cidr.ts caps the ranges). */
export const API_ALLOW_LIST_INPUT_MAX_LENGTH = 5_000;
/** An API key's name, which tells keys apart on the user's page and in Activity. */
export const API_KEY_NAME_MAX_LENGTH = 60;
/** Unrevoked, unexpired keys per API Account. */
export const API_KEYS_PER_ACCOUNT_MAX = 10;
/** The latest expiry a key may be given (a key without one never expires). */
export const API_KEY_MAX_LIFETIME_DAYS = 365;
// ---------------------------------------------------------------------------------------------
// Issue 11: authenticating HTTP API calls (lib/api/authenticate-api.ts and its modules).
// ---------------------------------------------------------------------------------------------

/**
 * How long one process remembers a Basic credential it verified, so an integration's calls do not
 * each cost an argon2 hash. Every remembered call still reads the account (password hash, flag,
 * disabled, role, lockout), so a change takes effect on the next call on every instance.
 * LATCHKEY_API_CREDENTIAL_CACHE_SECONDS overrides it; 0 turns the cache off (a hash per call).
 */
export const API_CREDENTIAL_CACHE_DEFAULT_SECONDS = 60;
export const apiCredentialCacheSeconds = (): number => {
  const value = Number(process.env.LATCHKEY_API_CREDENTIAL_CACHE_SECONDS ?? API_CREDENTIAL_CACHE_DEFAULT_SECONDS);
  return Number.isFinite(value) && value >= 0 ? value : API_CREDENTIAL_CACHE_DEFAULT_SECONDS;
};
/** Credentials remembered per process at most (the oldest is forgotten first). */
export const API_CREDENTIAL_CACHE_MAX_ENTRIES = 10_000;
/** Calls per minute per API account, on all instances together (LATCHKEY_API_CALLS_PER_MINUTE). */
export const API_CALLS_PER_MINUTE_DEFAULT = 600;
export const apiCallsPerMinute = () =>
  Number(process.env.LATCHKEY_API_CALLS_PER_MINUTE) || API_CALLS_PER_MINUTE_DEFAULT;
/** An API key's last use (time and address) is written at most this often, not on every call. */
export const API_KEY_TOUCH_INTERVAL_MS = MINUTE_MS;
/** A call refused by an account's IP allow-list is audited at most this often per account. */
export const API_REFUSED_ADDRESS_AUDIT_INTERVAL_MS = MINUTE_MS;
// ---------------------------------------------------------------------------------------------
// The HTTP API (/api/v1)
// ---------------------------------------------------------------------------------------------

/** The largest JSON body an /api/v1 call may send; refused with 413 before it is parsed. */
export const API_BODY_MAX_BYTES = 16 * 1024;
/** Rows per page of an /api/v1 list when the caller names no `limit`, and the most it may ask for. */
export const API_PAGE_SIZE_DEFAULT = 50;
export const API_PAGE_SIZE_MAX = 100;
/** The longest `cursor` an /api/v1 list reads (an opaque base64url token it issued). */
export const API_CURSOR_MAX_LENGTH = 600;
/** How long clients and caches may keep GET /api/v1/openapi.json (it changes only with a deploy). */
export const API_OPENAPI_MAX_AGE_SECONDS = 300;
// ---------------------------------------------------------------------------------------------
// Company policy: the enforcement date
// ---------------------------------------------------------------------------------------------

/** Turning 2FA on for a company may take effect from a date at most this many days ahead. */
export const TWO_FACTOR_ENFORCEMENT_MAX_DAYS = 30;
/** The longest enforcement date the Configure dialog reads ("2026-12-01" is 10 characters). */
export const ENFORCEMENT_DATE_INPUT_MAX_LENGTH = 10;
// Passkeys and security keys (WebAuthn)
// ---------------------------------------------------------------------------------------------

/** A WebAuthn challenge (registration or sign-in) must be answered within this; used once. */
export const WEBAUTHN_CHALLENGE_LIFETIME_MS = 5 * MINUTE_MS;
/** The longest name a user gives a passkey or security key. */
export const PASSKEY_NAME_MAX_LENGTH = 60;
/** The most passkeys and security keys one account may hold. */
export const PASSKEYS_PER_USER_MAX = 10;
/** The largest WebAuthn response (JSON) an action reads before parsing it. */
export const WEBAUTHN_RESPONSE_MAX_LENGTH = 16 * 1024;
// Trusted browsers (issue 12)
// ---------------------------------------------------------------------------------------------

/** The longest a company may let a browser skip the second factor (the password is always asked). */
export const TRUSTED_BROWSER_MAX_DAYS = 30;
/** The longest trusted-browser cookie value read (a token, a dot, a key id and an HMAC). */
export const TRUSTED_BROWSER_COOKIE_MAX_LENGTH = 200;
