import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users, type User } from '../db/schema';
import { notifyCompanyAdmins } from '../messaging/notify-company-admins';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';

/**
 * After a change to an API Account committed: the company's admins who manage API Accounts hear
 * who did what (a stolen admin session handing itself API credentials is noticed), and the
 * account's own address is told too. Returns whether the account's email went.
 */
export async function notifyApiChange(
  db: Db,
  input: {
    actorUserId: string;
    user: User;
    admins: { subject: string; text: (actor: string) => string };
    owner: { subject: string; text: string };
  },
): Promise<boolean> {
  const [actor] = await db.select({ name: users.name }).from(users).where(eq(users.id, input.actorUserId));
  await notifyCompanyAdmins(db, {
    companyId: input.user.companyId,
    permission: 'api-keys:manage',
    subject: input.admins.subject,
    paragraphs: [
      input.admins.text(actor?.name ?? 'An administrator'),
      'If you did not expect this, check Activity in Latchkey and turn the account back into a regular user.',
    ],
  });
  return notifyUser(db, {
    user: input.user,
    subject: input.owner.subject,
    paragraphs: [input.owner.text],
    footer: ADMIN_CHANGE_FOOTER,
  });
}
