import { and, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users } from '../db/schema';
import { isUserId } from '../admin/find-company-user';
import { fail, ok, type Result } from '../result';
import { BAD_CURSOR, decodeCursor, encodeCursor } from './cursor';
import { firstMethodSql, queryApiUsers, userSortKey } from './list-api-users';
import type { ApiUser, ListUsersQuery } from './schemas';

/** `%` and `_` typed into `q` are searched for literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const isString = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is string => typeof v === 'string' && isUserId(v);

/** The filters of GET /users as one SQL condition (undefined: none). */
function filtersOf(query: ListUsersQuery): SQL | undefined {
  const status = {
    active: and(eq(users.disabled, false), isNotNull(users.passwordHash)),
    invited: and(eq(users.disabled, false), isNull(users.passwordHash)),
    deactivated: eq(users.disabled, true),
  } as const;
  return and(
    query.q
      ? or(
          ilike(users.name, containsPattern(query.q)),
          ilike(users.email, containsPattern(query.q)),
          ilike(users.username, containsPattern(query.q)),
        )
      : undefined,
    // A role by id or by name; a name that is also shaped like an id is not worth guessing about.
    query.role
      ? isUserId(query.role)
        ? eq(users.roleId, query.role)
        : sql`lower(${roles.name}) = lower(${query.role})`
      : undefined,
    query.status ? status[query.status] : undefined,
    query.method ? sql`(${firstMethodSql()}) = ${query.method}` : undefined,
  );
}

/**
 * One page of GET /api/v1/users: the company's users matching the filters, by name (case-insensitive)
 * then id, after `cursor`. One row more than the page is read to know whether another page follows.
 */
export async function listUsersPage(
  db: DbOrTx,
  input: { companyId: string; viewerId: string; query: ListUsersQuery },
): Promise<Result<{ users: ApiUser[]; nextCursor: string | null }>> {
  const { query } = input;
  let after: SQL | undefined;
  if (query.cursor) {
    const key = decodeCursor<[string, string]>(query.cursor, [isString, isId]);
    if (!key) return fail(BAD_CURSOR, { fieldErrors: { cursor: BAD_CURSOR } });
    after = sql`(${userSortKey.name}, ${userSortKey.id}) > (${key[0]}, ${key[1]}::uuid)`;
  }
  const rows = await queryApiUsers(db, {
    companyId: input.companyId,
    viewerId: input.viewerId,
    where: and(filtersOf(query), after),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.sortKey) : null;
  return ok({ users: page.map((row) => row.user), nextCursor });
}
