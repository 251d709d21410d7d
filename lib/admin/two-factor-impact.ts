import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { totpCredentials, users } from '../db/schema';

/** Who turning two-factor authentication on for the company affects, and how each will be asked. */
export type TwoFactorImpact = {
  /** Users who sign in to the web app (API Accounts and disabled users left out). */
  users: number;
  /** Of those, without an active authenticator app: they get a sign-in code, by SMS when they have a mobile. */
  bySms: number;
  byEmail: number;
};

/** One query, scoped to the company in SQL, for the warning of the Configure dialog. */
export async function countTwoFactorImpact(db: DbOrTx, companyId: string): Promise<TwoFactorImpact> {
  const [row] = await db
    .select({
      users: sql<number>`count(*)::int`,
      bySms: sql<number>`count(*) filter (where ${totpCredentials.confirmedAt} is null and ${users.mobile} is not null)::int`,
      byEmail: sql<number>`count(*) filter (where ${totpCredentials.confirmedAt} is null and ${users.mobile} is null)::int`,
    })
    .from(users)
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(and(eq(users.companyId, companyId), eq(users.isApiAccount, false), eq(users.disabled, false)));
  return row ?? { users: 0, bySms: 0, byEmail: 0 };
}

const people = (n: number) => `${n} user${n === 1 ? '' : 's'}`;

/** The dialog's warning, in the words of docs/GLOSSARY.md, with the counts. */
export function describeTwoFactorImpact(impact: TwoFactorImpact): string[] {
  const withoutApp = impact.bySms + impact.byEmail;
  const channels =
    impact.bySms > 0 && impact.byEmail > 0
      ? `by SMS (${impact.bySms}) or by email (${impact.byEmail})`
      : impact.bySms > 0
        ? 'by SMS'
        : 'by email';
  const codes =
    withoutApp === 0
      ? 'Every user has an authenticator app.'
      : `${people(withoutApp)} ${withoutApp === 1 ? 'has' : 'have'} no authenticator app: they get a sign-in code ${channels}.`;
  const who =
    impact.users === 1
      ? 'You will be asked for a second factor on your next page, and at every sign-in.'
      : `All ${people(impact.users)} will be asked for a second factor at their next sign-in; anyone signed in now, you included, on their next page.`;
  return [who, codes];
}
