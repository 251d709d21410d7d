import { z } from 'zod';
import type { Permission } from '../roles/permissions';
import {
  auditEventListSchema,
  companyTwoFactorSchema,
  invitationSchema,
  inviteUserBody,
  listAuditEventsQuery,
  listUsersQuery,
  meSchema,
  putCompanyTwoFactorBody,
  resetTwoFactorBody,
  twoFactorResetSchema,
  updateUserBody,
  userListSchema,
  userSchema,
  userUpdateSchema,
} from './schemas';

/**
 * Every /api/v1 endpoint: what it needs and what it answers. The route handlers pass their entry
 * to withApiAccount (so the permission checked, the body and the query parsed are the ones listed
 * here), and lib/api/openapi.ts writes the OpenAPI document from this same table.
 */
export type Endpoint = {
  operationId: string;
  summary: string;
  description?: string;
  /** The permission the API account's role must hold; null: any API account. */
  permission: Permission | null;
  body?: z.ZodType;
  /** True when the body may be left out altogether. */
  bodyOptional?: boolean;
  query?: z.ZodType;
  /** The success answer. */
  status: 200 | 202;
  answer: z.ZodType;
  /** Refusals this endpoint can give beyond every endpoint's 401, 403, 429 and 503 (and 400 with input). */
  errors?: Array<404 | 409 | 502>;
};

const userId = z.object({ id: z.string().describe('The user’s id (a UUID). Another company’s id is 404.') });
export const PATH_PARAMS = { '{id}': userId };

export const ENDPOINTS = {
  'GET /api/v1/me': {
    operationId: 'getMe',
    summary: 'The API account itself',
    description: 'Who is calling, its role and what the role allows. Any API account may call it.',
    permission: null,
    status: 200,
    answer: meSchema,
  },
  'GET /api/v1/users': {
    operationId: 'listUsers',
    summary: 'List users',
    description: 'One page of the company’s users, sorted by name. Follow `nextCursor` for the next page.',
    permission: 'users:read',
    query: listUsersQuery,
    status: 200,
    answer: userListSchema,
  },
  'POST /api/v1/users': {
    operationId: 'inviteUser',
    summary: 'Invite a user',
    description:
      'Creates a user without a password and emails them a link to choose one, as Admin › Users › Invite does. ' +
      'The answer is the same whether or not the address already has an account in another company (then nobody is created and its owner is told).',
    permission: 'users:write',
    body: inviteUserBody,
    status: 202,
    answer: invitationSchema,
    errors: [409],
  },
  'GET /api/v1/users/{id}': {
    operationId: 'getUser',
    summary: 'Get a user',
    permission: 'users:read',
    status: 200,
    answer: userSchema,
    errors: [404],
  },
  'PATCH /api/v1/users/{id}': {
    operationId: 'updateUser',
    summary: 'Change a user',
    description:
      'Changes the name, role or mobile number; fields not sent keep their value. The user is emailed, as after an admin’s edit. ' +
      'The role must hold no permission the API account’s own role lacks, and the company’s last user who can change its settings keeps company:write (409).',
    permission: 'users:write',
    body: updateUserBody,
    status: 200,
    answer: userUpdateSchema,
    errors: [404, 409],
  },
  'POST /api/v1/users/{id}/reset-2fa': {
    operationId: 'resetUserTwoFactor',
    summary: 'Reset a user’s two-factor authentication',
    description:
      'Removes the authenticator app and backup codes and signs the user out everywhere; they are emailed. The body is optional.',
    permission: 'users:2fa',
    body: resetTwoFactorBody,
    bodyOptional: true,
    status: 200,
    answer: twoFactorResetSchema,
    errors: [404],
  },
  'GET /api/v1/audit-events': {
    operationId: 'listAuditEvents',
    summary: 'List security events',
    description: 'The company’s activity log, newest first. Follow `nextCursor` for older events.',
    permission: 'audit:read',
    query: listAuditEventsQuery,
    status: 200,
    answer: auditEventListSchema,
  },
  'GET /api/v1/company/two-factor': {
    operationId: 'getCompanyTwoFactor',
    summary: 'Company two-factor settings',
    permission: 'company:read',
    status: 200,
    answer: companyTwoFactorSchema,
  },
  'PUT /api/v1/company/two-factor': {
    operationId: 'putCompanyTwoFactor',
    summary: 'Change company two-factor settings',
    description:
      'What the Configure dialog of Company › 2F Authentication saves, by the same rules: with Duo, the keys are checked with Duo first and nothing is saved if Duo refuses them (400) or cannot be asked (502). The company’s admins are emailed.',
    permission: 'company:write',
    body: putCompanyTwoFactorBody,
    status: 200,
    answer: companyTwoFactorSchema,
    errors: [502],
  },
} satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof ENDPOINTS;
