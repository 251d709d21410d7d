import { and, arrayContains, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users } from '../db/schema';
import type { Permission } from '../roles/permissions';
import { notifyUser } from './notify-user';

/**
 * Emails every active user of a company whose role holds `permission` (who can act on the news:
 * company:write for settings, users:2fa for recovery requests), after the change committed;
 * failures are audited.
 */
export async function notifyCompanyAdmins(
  db: DbOrTx,
  input: { companyId: string; permission: Permission; subject: string; paragraphs: string[] },
): Promise<void> {
  const admins = await db
    .select({ user: users })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(users.companyId, input.companyId),
        arrayContains(roles.permissions, [input.permission]),
        eq(users.disabled, false),
        eq(users.isApiAccount, false),
      ),
    )
    .then((rows) => rows.map((r) => r.user));
  const footer = 'You receive this because you are an administrator of your company in Latchkey.';
  for (const admin of admins)
    await notifyUser(db, { user: admin, subject: input.subject, paragraphs: input.paragraphs, footer });
}
