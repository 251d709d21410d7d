/**
 * What the HTTP API specs start from, written straight into the e2e database with the app's own lib/
 * code: a company with its admin, API accounts of any role (built in, or a custom role row holding
 * exactly the permissions a test names), and plain users. Every password is the standard one.
 */
import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createCompany } from '../../lib/accounts/create-company';
import { hashPassword } from '../../lib/crypto/password';
import { roles, users, type User } from '../../lib/db/schema';
import type { Permission } from '../../lib/roles/permissions';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { e2eDb } from '../db';
import { PASSWORD } from '../helpers';

export const tag = () => randomBytes(5).toString('hex');

let passwordHash: Promise<string> | undefined;
/** One argon2 hash of PASSWORD for the whole file: the seeds need not pay for one each. */
const standardHash = () => (passwordHash ??= hashPassword(PASSWORD));

export type Company = { id: string; admin: User };

/** A new company and its Administrator. */
export async function seedCompany(): Promise<Company> {
  const t = tag();
  const admin = await createCompany(e2eDb(), {
    companyName: `Api Co ${t}`,
    name: `Admin ${t}`,
    email: `api-admin-${t}@example.com`,
    passwordHash: await standardHash(),
  });
  return { id: admin.companyId, admin };
}

/** A custom role of the company holding exactly `permissions`. */
export async function seedRole(companyId: string, permissions: Permission[]): Promise<string> {
  const [role] = await e2eDb()
    .insert(roles)
    .values({ companyId, name: `Custom ${tag()}`, permissions })
    .returning();
  return role.id;
}

type RoleChoice = 'administrator' | 'member' | 'auditor' | { permissions: Permission[] };

async function roleIdFor(companyId: string, role: RoleChoice): Promise<string> {
  return typeof role === 'string' ? builtInRoleId(e2eDb(), companyId, role) : seedRole(companyId, role.permissions);
}

/** A user of the company (a regular one unless `isApiAccount`). */
export async function seedUser(
  companyId: string,
  options: { role?: RoleChoice; isApiAccount?: boolean; name?: string; passwordless?: boolean } = {},
): Promise<User> {
  const t = tag();
  const [user] = await e2eDb()
    .insert(users)
    .values({
      companyId,
      name: options.name ?? `User ${t}`,
      email: `api-user-${t}@example.com`,
      roleId: await roleIdFor(companyId, options.role ?? 'member'),
      isApiAccount: options.isApiAccount ?? false,
      passwordHash: options.passwordless ? null : await standardHash(),
    })
    .returning();
  return user;
}

export type ApiAccount = { user: User; headers: Record<string, string> };

/** An API account of the company with `role`, and the Basic header it calls with. */
export async function seedApiAccount(companyId: string, role: RoleChoice = 'administrator'): Promise<ApiAccount> {
  const user = await seedUser(companyId, { role, isApiAccount: true, name: `Robot ${tag()}` });
  return { user, headers: basic(user.email, PASSWORD) };
}

export const basic = (email: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`,
});

export async function userRow(id: string): Promise<User> {
  const [row] = await e2eDb().select().from(users).where(eq(users.id, id));
  return row;
}

/** An error answer in the API's one shape, with the status and code expected. */
export async function expectError(
  answer: APIResponse,
  status: number,
  code: string,
): Promise<{ code: string; message: string; fields?: Record<string, string>; permission?: string }> {
  const body = (await answer.json()) as { error: { code: string; message: string } };
  expect(answer.status(), JSON.stringify(body)).toBe(status);
  expect(answer.headers()['content-type']).toMatch(/^application\/json/);
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  expect(body.error.message.length).toBeGreaterThan(5);
  return body.error;
}

/** A JSON call with the account's credentials. */
export function call(
  request: APIRequestContext,
  account: ApiAccount,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  data?: unknown,
): Promise<APIResponse> {
  return request.fetch(`/api/v1${path}`, {
    method,
    headers: account.headers,
    ...(data === undefined ? {} : { data }),
  });
}
