import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies, users, type Company, type User } from '../db/schema';
import { duoClientFor } from '../duo/company-client';
import type { DuoClient, DuoFailure } from '../duo/types';
import { fail, ok, type Result } from '../result';

/** Whose Duo Setup this is: a user of `companyId` (from the session, never from the form). */
export type DuoSetupScope = { companyId: string; userId: string };

export type DuoSetupTarget = { user: User; company: Company; client: DuoClient; duoUsername: string };

export const DUO_SETUP_USER_NOT_FOUND = 'That user was not found.';

/**
 * The user, their company and the company's Duo client, with the company scope in the query. Fails
 * in words a user can act on when the company does not offer Duo or has not configured it.
 */
export async function loadDuoSetupTarget(db: DbOrTx, scope: DuoSetupScope): Promise<Result<DuoSetupTarget>> {
  const [row] = await db
    .select({ user: users, company: companies })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(users.id, scope.userId), eq(users.companyId, scope.companyId)));
  if (!row) return fail(DUO_SETUP_USER_NOT_FOUND);
  if (!row.company.allowDuo) return fail(`${row.company.name} does not use Duo.`);
  const client = duoClientFor(row.company);
  if (!client) return fail('Duo is not set up for your company yet: an administrator adds its keys in Company.');
  return ok({ ...row, client, duoUsername: duoUsernameOf(row.user) });
}

/** The name Duo knows the user by: the one an admin set, else their Latchkey email. */
export const duoUsernameOf = (user: Pick<User, 'duoUsername' | 'email'>) => user.duoUsername?.trim() || user.email;

/**
 * A failed Duo call in words for the person doing Duo Setup. Admins get Duo's own explanation
 * (keys, clock, host); users cannot fix those, so they are told who can and that nothing changed.
 */
export function duoSetupFailure(failure: DuoFailure, forAdmin: boolean): Result<never> {
  if (forAdmin) return fail(failure.error);
  switch (failure.duo.kind) {
    case 'unreachable':
    case 'timeout':
    case 'duo-error':
    case 'rate-limited':
      return fail('Latchkey could not reach Duo just now. Try again in a few minutes; nothing was changed.');
    default:
      return fail(
        'Duo did not accept Latchkey’s request, so Duo Setup cannot start. Ask your administrator to check the ' +
          'Duo settings in Company › 2F Authentication; nothing was changed.',
      );
  }
}
