import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, roles, totpCredentials, users, type User } from '../db/schema';
import { isUserId } from '../admin/find-company-user';
import { policyFor, totpState } from '../twofactor/totp-state';
import { now as clockNow } from '../clock';
import type { ApiUser } from './schemas';

/** Where the users list sorts a user: case-insensitive name, then id (unique, so the order is total). */
export const userSortKey = { name: sql<string>`lower(${users.name})`, id: users.id };

/**
 * The columns an API answer shows about a user, with their company's policy switches and their
 * authenticator, in one query (joins, never a query per row). Nothing secret is selected: no
 * password hash (only whether one is set), no TOTP secret, no backup codes.
 */
function selectApiUsers(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      username: users.username,
      mobile: users.mobile,
      roleId: users.roleId,
      roleName: roles.name,
      isApiAccount: users.isApiAccount,
      disabled: users.disabled,
      preferredMethod: users.preferredMethod,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      sortName: userSortKey.name,
      company: {
        twoFactorRequired: companies.twoFactorRequired,
        allowTotp: companies.allowTotp,
        allowDuo: companies.allowDuo,
        twoFactorEnforcedFrom: companies.twoFactorEnforcedFrom,
        strongMethodsOnly: companies.strongMethodsOnly,
      },
      credential: {
        userId: totpCredentials.userId,
        confirmedAt: totpCredentials.confirmedAt,
        startedBy: totpCredentials.startedBy,
      },
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id));
}

type ApiUserRow = Awaited<ReturnType<ReturnType<typeof selectApiUsers>['execute']>>[number];

/**
 * The method sign-in asks `users` for first, as SQL, for filtering a page in the database. It
 * mirrors resolvePolicy (lib/twofactor/policy.ts) for an active authenticator; list-users-page.test.ts
 * checks it against toApiUser (which calls the policy itself) for every combination.
 */
export const firstMethodSql = (now: Date = clockNow()): SQL<string> => sql<string>`case
  when ${users.isApiAccount} then 'none'
  when not ${companies.twoFactorRequired} or ${companies.twoFactorEnforcedFrom} > ${now.toISOString()}::timestamptz then
    case when ${totpCredentials.confirmedAt} is not null then 'totp' else 'none' end
  when ${companies.allowDuo} and ${users.preferredMethod} = 'duo' then 'duo'
  when ${totpCredentials.confirmedAt} is not null and ${companies.allowTotp}
    and (${users.preferredMethod} is distinct from 'otp' or ${companies.strongMethodsOnly}) then 'totp'
  else 'otp' end`;

/** A row as the API shows it; the second factor comes from the same policy sign-in uses. */
export function toApiUser(row: ApiUserRow, viewerId: string): ApiUser {
  const totp = totpState(row.credential, viewerId);
  const policy = policyFor({ company: row.company, user: row, totp });
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    username: row.username,
    mobile: row.mobile,
    role: { id: row.roleId, name: row.roleName },
    status: row.disabled ? 'deactivated' : row.hasPassword ? 'active' : 'invited',
    isApiAccount: row.isApiAccount,
    twoFactor: policy.required ? (policy.methods[0] as ApiUser['twoFactor']) : 'none',
    // Passkeys are not in the API's schema yet (the policy here is read without them).
    twoFactorMethods: policy.methods.filter((m) => m !== 'passkey'),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Users of one company matching `where`, in list order, at most `limit` (all when omitted), each
 * with its sort key as Postgres computed it (a cursor must not rely on JavaScript lower-casing the
 * same way). `viewerId` is the API account: a pending authenticator setup shows only to its starter.
 */
export async function queryApiUsers(
  db: DbOrTx,
  input: { companyId: string; viewerId: string; where?: SQL; limit?: number },
): Promise<Array<{ user: ApiUser; sortKey: [string, string] }>> {
  const query = selectApiUsers(db)
    .where(and(eq(users.companyId, input.companyId), input.where))
    .orderBy(asc(userSortKey.name), asc(userSortKey.id));
  const rows = input.limit === undefined ? await query : await query.limit(input.limit);
  return rows.map((row) => ({ user: toApiUser(row, input.viewerId), sortKey: [row.sortName, row.id] }));
}

/** One user of the company, or null: another company's id (or a malformed one) reads as no user. */
export async function findApiUser(
  db: DbOrTx,
  input: { companyId: string; viewerId: string; userId: string },
): Promise<ApiUser | null> {
  if (!isUserId(input.userId)) return null;
  const [found] = await queryApiUsers(db, { ...input, where: eq(users.id, input.userId), limit: 1 });
  return found?.user ?? null;
}

/** Every user of an API account's own company (the caller checks that it may list them). */
export async function listApiUsers(db: DbOrTx, apiAccount: User): Promise<ApiUser[]> {
  const rows = await queryApiUsers(db, { companyId: apiAccount.companyId, viewerId: apiAccount.id });
  return rows.map((row) => row.user);
}
