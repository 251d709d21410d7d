import { sql } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** otp = a 6-digit code by SMS (valid mobile) or email; every user's fallback. */
export const methodEnum = pgEnum('two_factor_method', ['otp', 'totp', 'duo', 'passkey']);

export const companies = pgTable('companies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** The admin's switch: every user of the company must pass a second factor. */
  twoFactorRequired: boolean('two_factor_required').notNull().default(false),
  /**
   * When the requirement starts to apply: null or a past time means now. Until then users are
   * shown a banner with the date and sign in as if 2FA were off (up to 30 days ahead).
   */
  twoFactorEnforcedFrom: timestamp('two_factor_enforced_from', { withTimezone: true }),
  /** Passkeys and security keys (WebAuthn) may be used as a second factor. */
  allowPasskeys: boolean('allow_passkeys').notNull().default(true),
  /** "Don't ask again on this browser": 0 is off, else at most this many days (up to 30). */
  trustedBrowserDays: integer('trusted_browser_days').notNull().default(0),
  /** Users with an authenticator app, a passkey or Duo are never offered SMS/Email codes. */
  strongMethodsOnly: boolean('strong_methods_only').notNull().default(false),
  allowTotp: boolean('allow_totp').notNull().default(true),
  allowDuo: boolean('allow_duo').notNull().default(false),
  duoIntegrationKey: text('duo_integration_key'),
  duoSecretKeyEncrypted: text('duo_secret_key_encrypted'),
  duoApiHost: text('duo_api_host'),
  /** A session ends after this long without a request (NIST SP 800-63B AAL2: 30 minutes). */
  sessionIdleMinutes: integer('session_idle_minutes').notNull().default(30),
  /** …and this long after it began, whatever happens (AAL2: 12 hours). */
  sessionLifetimeHours: integer('session_lifetime_hours').notNull().default(12),
  createdAt: createdAt(),
});

/**
 * A company's roles: a name and a set of permissions (lib/roles/permissions.ts). Every company
 * has the three built-in roles (built_in names which); admins add custom ones.
 */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 'administrator' | 'member' | 'auditor' for the built-in roles, which cannot change; null for custom ones. */
    builtIn: text('built_in', { enum: ['administrator', 'member', 'auditor'] }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('roles_company_name_idx').on(t.companyId, sql`lower(${t.name})`),
    uniqueIndex('roles_company_built_in_idx').on(t.companyId, t.builtIn),
    // The target of users' (role_id, company_id) key: a user can only hold a role of their own company.
    uniqueIndex('roles_id_company_idx').on(t.id, t.companyId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    /** Deleting a role that users hold is refused (restrict); move them first. */
    roleId: uuid('role_id').notNull(),
    name: text('name').notNull(),
    /** Stored lower-cased; the unique index on lower(email) also guards direct writes. */
    email: text('email').notNull(),
    username: text('username'),
    /** E.164, validated as a mobile number before it is stored. */
    mobile: text('mobile'),
    /** The user's name in Duo when it is not their Latchkey email (set by an admin). */
    duoUsername: text('duo_username'),
    passwordHash: text('password_hash'),
    isApiAccount: boolean('is_api_account').notNull().default(false),
    /** CIDR ranges an API Account may call from; null or empty means any address. */
    apiAllowedIps: text('api_allowed_ips').array(),
    /** The method the challenge page offers first, if the company allows it. */
    preferredMethod: methodEnum('preferred_method'),
    disabled: boolean('disabled').notNull().default(false),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    index('users_company_idx').on(t.companyId),
    index('users_role_idx').on(t.roleId),
    foreignKey({
      name: 'users_role_company_fk',
      columns: [t.roleId, t.companyId],
      foreignColumns: [roles.id, roles.companyId],
    }).onDelete('restrict'),
  ],
);

/**
 * An API Account's keys: `lk_` + a random secret, sent as `Authorization: Bearer`. Only the
 * SHA-256 of the whole key is kept (the secret has 256 bits of entropy, so a slow hash adds
 * nothing); `prefix` is its first characters, shown so a key can be told apart.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    lastUsedIp: text('last_used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** When this session passed a second factor; null means password only. */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last time this session confirmed its user again (password or a second factor): admin "sudo mode". */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Step two of sign-in. Only the SHA-256 of the token is stored; the token itself lives in an
 * httpOnly cookie. A row with passed_at set may be exchanged for a session exactly once.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** False when the password alone is enough (no 2FA applies). */
    factorRequired: boolean('factor_required').notNull(),
    attempts: integer('attempts').notNull().default(0),
    passedAt: timestamp('passed_at', { withTimezone: true }),
    /** The method that passed it (a backup code's owner is emailed once the session exists). */
    passedMethod: text('passed_method'),
    /**
     * The Duo Push this sign-in waits for. Kept here, never taken from the browser: a txid is only
     * ever checked for the challenge that started it.
     */
    duoTxid: text('duo_txid'),
    duoTxidExpiresAt: timestamp('duo_txid_expires_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
);

/**
 * A user's passkeys and security keys (WebAuthn credentials). `counter` is the signature counter
 * last seen: one that does not increase (when the authenticator keeps one) marks a cloned key.
 */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id, base64url. */
    credentialId: text('credential_id').notNull().unique(),
    /** The COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array(),
    name: text('name').notNull(),
    /** 'singleDevice' | 'multiDevice' (a synced passkey). */
    deviceType: text('device_type'),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_credentials_user_idx').on(t.userId)],
);

/**
 * The WebAuthn challenge a ceremony in progress must sign: registration (per user) or sign-in
 * (per login challenge). Kept on the server, used once, short-lived.
 */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  /** 'register:<userId>' or 'sign-in:<loginChallengeId>'. */
  key: text('key').primaryKey(),
  challenge: text('challenge').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * "Don't ask again on this browser": a signed, httpOnly cookie holds a token whose SHA-256 is
 * here. Forgotten (deleted) on a password change, a 2FA change, an admin reset or deactivation.
 */
export const trustedBrowsers = pgTable(
  'trusted_browsers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('trusted_browsers_user_idx').on(t.userId)],
);

/**
 * A Duo Setup in progress: Duo's user id and activation code from /auth/v2/enroll, kept on the
 * server so /auth/v2/enroll_status is only ever asked about the enrolment this user started.
 */
export const duoEnrollments = pgTable('duo_enrollments', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  duoUserId: text('duo_user_id').notNull(),
  activationCodeEncrypted: text('activation_code_encrypted').notNull(),
  /** Duo's barcode URL (on the company's API host): the app fetches and serves it itself. */
  activationBarcodeUrl: text('activation_barcode_url').notNull(),
  activationUrl: text('activation_url').notNull(),
  startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * A user's authenticator-app secret, encrypted (lib/crypto/encryption). confirmed_at null means
 * enrolment is pending: the QR is shown but not yet proven. last_used_step makes every code
 * single-use: it only ever moves forward, in one conditional UPDATE.
 */
export const totpCredentials = pgTable('totp_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  /** Who started a pending enrolment (the user, or an admin at their side): only they see its secret. */
  startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** One-time backup codes, stored only as keyed hashes (HMAC-SHA-256). */
export const backupCodes = pgTable(
  'backup_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('backup_codes_user_hash_idx').on(t.userId, t.codeHash)],
);

/** The last resort of support-assisted recovery; the answer is normalized and hashed like a password. */
export const securityQuestions = pgTable('security_questions', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  question: text('question').notNull(),
  answerHash: text('answer_hash').notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The SMS/email code of one sign-in challenge. One row per challenge: sending a new code
 * replaces the row, which invalidates the old code. Only a keyed hash of the code is stored.
 */
export const loginCodes = pgTable('login_codes', {
  challengeId: uuid('challenge_id')
    .primaryKey()
    .references(() => loginChallenges.id, { onDelete: 'cascade' }),
  channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
  destination: text('destination').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
});

/** An invitation to set a password: single use, 48 hours; only the token's hash is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('invitations_user_idx').on(t.userId)],
);

/** A "forgot password" link: single use, 1 hour; only the token's hash is stored. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/**
 * An admin's change of a user's email, waiting for the new address to confirm it: until then the
 * account keeps its address. The admin's answer is the same whether or not the new address already
 * belongs to an account (of another company), so the screen reveals no one; only the token's
 * SHA-256 is stored.
 */
export const emailChanges = pgTable(
  'email_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    newEmail: text('new_email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('email_changes_user_idx').on(t.userId)],
);

/**
 * A sign-up waiting for its emailed link: nothing exists until the link's owner confirms it.
 * Keyed by the SHA-256 of the link's token; the password is already an argon2id hash.
 */
export const pendingSignUps = pgTable(
  'pending_sign_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    companyName: text('company_name').notNull(),
    name: text('name').notNull(),
    username: text('username'),
    passwordHash: text('password_hash').notNull(),
    ip: text('ip'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pending_sign_ups_expires_idx').on(t.expiresAt)],
);

/**
 * Support-assisted recovery. A correct security answer opens a request; the emailed link moves
 * it to the admins (a user whose sign-in codes go to that inbox skips the link); only an admin's
 * "Reset 2FA" removes a factor. An approved request lets its user sign in once without a second
 * factor until expires_at ('used' after that). Tokens are stored hashed.
 */
export const recoveryRequests = pgTable(
  'recovery_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    status: text('status', {
      enum: ['awaiting_email', 'awaiting_admin', 'approved', 'used', 'cancelled', 'expired'],
    }).notNull(),
    answerVerifiedAt: timestamp('answer_verified_at', { withTimezone: true }).notNull(),
    emailTokenHash: text('email_token_hash').notNull().unique(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    cancelTokenHash: text('cancel_token_hash').notNull().unique(),
    ip: text('ip'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('recovery_requests_company_idx').on(t.companyId, t.status),
    index('recovery_requests_user_idx').on(t.userId),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    targetUserId: uuid('target_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who the actor and target were, written when that user is deleted (the ids become null). */
    actorLabel: text('actor_label'),
    targetLabel: text('target_label'),
    type: text('type').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_company_idx').on(t.companyId, t.createdAt),
    index('audit_events_target_idx').on(t.targetUserId),
  ],
);

/** Development outbox: messages that would have gone to Resend or Twilio. */
export const outboxMessages = pgTable('outbox_messages', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
  to: text('to').notNull(),
  subject: text('subject'),
  text: text('text').notNull(),
  html: text('html'),
  createdAt: createdAt(),
});

/** Fixed-window counters shared by every app instance (see lib/rate-limit). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  /** How often a backoff counter went over its limit: each lockout lasts longer (lib/rate-limit/hit). */
  lockouts: integer('lockouts').notNull().default(0),
});

export type Company = typeof companies.$inferSelect;
export type User = typeof users.$inferSelect;
export type Role = typeof roles.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type WebauthnCredential = typeof webauthnCredentials.$inferSelect;
export type TrustedBrowser = typeof trustedBrowsers.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type LoginChallenge = typeof loginChallenges.$inferSelect;
export type TotpCredential = typeof totpCredentials.$inferSelect;
export type LoginCode = typeof loginCodes.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type EmailChange = typeof emailChanges.$inferSelect;
export type PendingSignUp = typeof pendingSignUps.$inferSelect;
export type RecoveryRequest = typeof recoveryRequests.$inferSelect;
export type TwoFactorMethod = (typeof methodEnum.enumValues)[number];
export type AuditEvent = typeof auditEvents.$inferSelect;
export type OutboxMessage = typeof outboxMessages.$inferSelect;
