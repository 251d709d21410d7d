import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, totpCredentials, users, type TwoFactorMethod } from '../db/schema';
import { totpState, type TotpState } from '../twofactor/totp-state';

/** Where a user stands: can sign in, was deactivated, or has not set a password from their invitation yet. */
export const USER_STATUSES = ['active', 'deactivated', 'invited'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const isUserStatus = (value: unknown): value is UserStatus =>
  typeof value === 'string' && (USER_STATUSES as readonly string[]).includes(value);

/** Deactivated wins over invited: an invitee who was deactivated cannot accept it. */
const statusSql = sql<UserStatus>`case
  when ${users.disabled} then 'deactivated'
  when ${users.passwordHash} is null then 'invited'
  else 'active' end`;

export type UserRow = {
  id: string;
  name: string;
  email: string;
  username: string | null;
  mobile: string | null;
  roleId: string;
  /** The role's name (Company › Roles). */
  role: string;
  isApiAccount: boolean;
  disabled: boolean;
  preferredMethod: TwoFactorMethod | null;
  lastSignInAt: Date | null;
  /** False until an invited user has set a password. */
  hasPassword: boolean;
  status: UserStatus;
  /** The authenticator as the viewer may see it (lib/twofactor/totp-state.ts). */
  totp: TotpState;
  /** Holds a passkey or security key. */
  hasPasskey: boolean;
};

/** `%` and `_` typed into the search box are searched for literally. */
function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The users of one company with what the table shows about their 2FA, in one query (a left join,
 * never a query per row). An optional search matches name, email or username, case-insensitively;
 * an optional status keeps only the active, deactivated or invited users.
 * `viewerId` is who looks (the admin, the API account): a pending setup shows only to its starter.
 */
export async function listUsers(
  db: DbOrTx,
  input: { companyId: string; viewerId: string; query?: string; status?: UserStatus },
): Promise<UserRow[]> {
  const query = input.query?.trim();
  const pattern = query ? containsPattern(query) : null;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      username: users.username,
      mobile: users.mobile,
      roleId: users.roleId,
      role: roles.name,
      isApiAccount: users.isApiAccount,
      disabled: users.disabled,
      preferredMethod: users.preferredMethod,
      lastSignInAt: users.lastSignInAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      status: statusSql,
      hasPasskey: sql<boolean>`exists (select 1 from webauthn_credentials w where w.user_id = ${users.id})`,
      credential: {
        userId: totpCredentials.userId,
        confirmedAt: totpCredentials.confirmedAt,
        startedBy: totpCredentials.startedBy,
      },
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(
      and(
        eq(users.companyId, input.companyId),
        pattern
          ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.username, pattern))
          : undefined,
        input.status ? eq(statusSql, input.status) : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${users.name})`), asc(users.email));
  return rows.map(({ credential, ...row }) => ({ ...row, totp: totpState(credential, input.viewerId) }));
}
