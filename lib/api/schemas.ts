/**
 * Every request and response of /api/v1, as zod schemas: the handlers parse with them (and render
 * through them, so an answer never carries a field the schema does not name), and the OpenAPI
 * document (lib/api/openapi.ts) is generated from these same objects. `.meta({ id })` names a
 * schema as an OpenAPI component; `.describe()` is what the document says about a field.
 *
 * Unknown fields are ignored on input (z.object strips them): a body that also says
 * `isApiAccount`, `companyId` or `passwordHash` changes none of those.
 */
import { z } from 'zod';
import {
  API_CURSOR_MAX_LENGTH,
  API_PAGE_SIZE_DEFAULT,
  API_PAGE_SIZE_MAX,
  DUO_INPUT_MAX_LENGTH,
  DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  MOBILE_INPUT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  RESET_REASON_MAX_LENGTH,
  USER_SEARCH_MAX_LENGTH,
} from '../limits';
import { tooLong } from '../field-messages';
import { PERMISSIONS } from '../roles/permissions';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** The stable `code` of every error answer; clients branch on it, people read `message`. */
export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'https_required',
  'cross_origin',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'duo_unavailable',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const permissionSchema = z.enum(PERMISSIONS).meta({ id: 'Permission' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('Stable, for programs.'),
      message: z.string().describe('What went wrong and what to do, in plain words.'),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe('With validation_failed: one message per field of the request that needs fixing.'),
      permission: permissionSchema.optional().describe('With forbidden: the permission the API account’s role lacks.'),
    }),
  })
  .meta({ id: 'Error', description: 'Every error answer has this shape.' });
export type ApiErrorBody = z.infer<typeof errorSchema>;

const timestamp = z.iso.datetime({ offset: true });
const nextCursor = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.');

const limitParam = z.coerce
  .number({ error: `Send a whole number from 1 to ${API_PAGE_SIZE_MAX}.` })
  .int(`Send a whole number from 1 to ${API_PAGE_SIZE_MAX}.`)
  .min(1, `Send a whole number from 1 to ${API_PAGE_SIZE_MAX}.`)
  .max(API_PAGE_SIZE_MAX, `Send a whole number from 1 to ${API_PAGE_SIZE_MAX}.`)
  .default(API_PAGE_SIZE_DEFAULT)
  .describe(`How many to return (1 to ${API_PAGE_SIZE_MAX}, default ${API_PAGE_SIZE_DEFAULT}).`);
const cursorParam = z
  .string()
  .max(API_CURSOR_MAX_LENGTH, 'This cursor was not issued by this API. Start again without one.')
  .optional()
  .describe('The `nextCursor` of the previous page; omit it for the first page.');

// ---------------------------------------------------------------------------------------------
// GET /me
// ---------------------------------------------------------------------------------------------

export const meSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.string().describe('The name of the API account’s role.'),
    roleId: z.uuid(),
    permissions: z.array(permissionSchema).describe('What the role allows, read on this call.'),
    companyId: z.uuid(),
    via: z.enum(['password', 'key']).describe('How this call authenticated: Basic (password) or Bearer (API key).'),
  })
  .meta({ id: 'Me' });

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

export const USER_STATUSES = ['active', 'deactivated', 'invited'] as const;
/** The method sign-in asks for first, as the policy names it ('none': no second factor applies). */
export const FIRST_METHODS = ['totp', 'otp', 'duo', 'none'] as const;

export const userSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    username: z.string().nullable(),
    mobile: z.string().nullable().describe('E.164, or null.'),
    role: z.object({ id: z.uuid(), name: z.string() }),
    status: z
      .enum(USER_STATUSES)
      .describe('invited: has not chosen a password yet; deactivated: cannot sign in or call the API.'),
    isApiAccount: z.boolean(),
    twoFactor: z
      .enum(FIRST_METHODS)
      .describe(
        'The method sign-in asks for first: totp (authenticator app), otp (a code by SMS or email), duo, or none.',
      ),
    twoFactorMethods: z
      .array(z.enum(['totp', 'backup', 'otp', 'duo']))
      .describe('Every method sign-in offers, first one first.'),
    lastSignInAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'User', description: 'Never carries a password hash, a TOTP secret or backup codes.' });
export type ApiUser = z.infer<typeof userSchema>;

export const listUsersQuery = z.object({
  limit: limitParam,
  cursor: cursorParam,
  q: z
    .string()
    .trim()
    .max(USER_SEARCH_MAX_LENGTH, tooLong(USER_SEARCH_MAX_LENGTH))
    .optional()
    .describe('Text found in the name, email or username (case-insensitive).'),
  role: z
    .string()
    .trim()
    .max(NAME_MAX_LENGTH, tooLong(NAME_MAX_LENGTH))
    .optional()
    .describe('A role id, or a role name (case-insensitive).'),
  status: z
    .enum(USER_STATUSES, { error: `Send one of: ${USER_STATUSES.join(', ')}.` })
    .optional()
    .describe('active, deactivated or invited.'),
  method: z
    .enum(FIRST_METHODS, { error: `Send one of: ${FIRST_METHODS.join(', ')}.` })
    .optional()
    .describe('The method sign-in asks for first: totp, otp, duo or none.'),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userListSchema = z
  .object({ users: z.array(userSchema), nextCursor })
  .meta({ id: 'UserList', description: 'Sorted by name (case-insensitive), then id.' });

const nameField = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(NAME_MAX_LENGTH, tooLong(NAME_MAX_LENGTH));
const roleIdField = z
  .uuid({ error: 'Send the id of one of your company’s roles.' })
  .describe('One of the company’s roles, holding no permission the API account’s own role lacks.');

export const inviteUserBody = z
  .object({
    name: nameField,
    email: z
      .string({ error: 'Enter an email address like name@example.com.' })
      .trim()
      .max(EMAIL_MAX_LENGTH, tooLong(EMAIL_MAX_LENGTH))
      .pipe(z.email('Enter an email address like name@example.com.')),
    roleId: roleIdField,
  })
  .meta({ id: 'InviteUser' });

export const invitationSchema = z
  .object({
    email: z.string().describe('The address, as stored (lower-cased).'),
    emailSent: z
      .boolean()
      .describe('False when the email provider failed: an admin can send the invitation again from the web app.'),
  })
  .meta({
    id: 'Invitation',
    description:
      'The same answer whether or not the address already has an account in another company, which is never revealed. Find the new user with GET /users?q=<email>.',
  });

export const updateUserBody = z
  .object({
    name: nameField.optional(),
    roleId: roleIdField.optional(),
    mobile: z
      .string()
      .max(MOBILE_INPUT_MAX_LENGTH, 'That is too long for a phone number.')
      .nullable()
      .optional()
      .describe('A mobile number with its country code, like +44 7911 123456; null or "" removes it.'),
    disabled: z
      .boolean()
      .optional()
      .describe(
        'Deactivate (true: their sessions, sign-ins in progress and API access end at once) or reactivate (false) the user. Send it on its own.',
      ),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Send at least one of: name, roleId, mobile, disabled.',
  })
  .meta({ id: 'UpdateUser', description: 'Only the fields sent change. Any other field is ignored.' });

export const userUpdateSchema = z
  .object({
    user: userSchema,
    changed: z.array(z.string()).describe('The fields that changed (name, role, mobile).'),
  })
  .meta({ id: 'UserUpdate' });

export const resetTwoFactorBody = z
  .object({
    reason: z
      .string()
      .trim()
      .max(RESET_REASON_MAX_LENGTH, tooLong(RESET_REASON_MAX_LENGTH))
      .optional()
      .describe('Kept in the activity log.'),
  })
  .meta({ id: 'ResetTwoFactor' });

export const twoFactorResetSchema = z
  .object({
    reset: z.literal(true),
    emailed: z.boolean().describe('Whether the email telling the user went.'),
  })
  .meta({ id: 'TwoFactorReset' });

// ---------------------------------------------------------------------------------------------
// Audit events
// ---------------------------------------------------------------------------------------------

export const listAuditEventsQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    from: timestamp.optional().describe('Only events at or after this time (ISO 8601, with a time zone).'),
    to: timestamp.optional().describe('Only events before this time (ISO 8601, with a time zone).'),
    type: z.string().trim().max(100, tooLong(100)).optional().describe('Only events of this type, e.g. user.invited.'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from must not be after to.',
    path: ['from'],
  });

const party = z.object({
  id: z.uuid().nullable().describe('Null when the user was deleted (the label stays).'),
  label: z.string(),
});

export const auditEventSchema = z
  .object({
    id: z.int().describe('Increases with every event.'),
    type: z.string(),
    createdAt: timestamp,
    actor: party.describe('Who did it (an API account for calls of this API).'),
    target: party.nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    summary: z.string().describe('The sentence the Activity page shows.'),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventListSchema = z
  .object({ events: z.array(auditEventSchema), nextCursor })
  .meta({ id: 'AuditEventList', description: 'Newest first.' });

// ---------------------------------------------------------------------------------------------
// Company two-factor settings
// ---------------------------------------------------------------------------------------------

export const companyTwoFactorSchema = z
  .object({
    enabled: z.boolean().describe('Every user must pass a second factor (API accounts excepted).'),
    allowTotp: z.boolean(),
    allowDuo: z.boolean(),
    duo: z.object({
      integrationKey: z.string().nullable(),
      apiHost: z.string().nullable(),
      secretKeySet: z.boolean().describe('The secret key itself is never returned.'),
    }),
    summary: z.string(),
  })
  .meta({ id: 'CompanyTwoFactor' });

export const putCompanyTwoFactorBody = z
  .object({
    enabled: z.boolean({ error: 'Send true or false.' }),
    allowTotp: z.boolean({ error: 'Send true or false.' }),
    allowDuo: z.boolean({ error: 'Send true or false.' }),
    duo: z
      .object({
        integrationKey: z.string().max(DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH).optional(),
        secretKey: z.string().max(DUO_INPUT_MAX_LENGTH).optional(),
        apiHost: z.string().max(DUO_INPUT_MAX_LENGTH).optional(),
      })
      .optional()
      .describe(
        'Needed with allowDuo. An omitted value keeps the saved one. The keys are checked with Duo before anything is saved.',
      ),
  })
  .meta({ id: 'PutCompanyTwoFactor' });
