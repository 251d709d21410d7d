import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { BACKUP_CODES_LOW } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { countUnusedBackupCodes } from '../twofactor/backup-code-store';

/**
 * Tells a user that one of their backup codes opened a session, and how many are left. Sent once
 * the session exists (from Auth.js, after the response), so a slow mail provider never holds up
 * the sign-in and the email never announces a sign-in that did not happen.
 */
export async function notifyBackupCodeUsed(db: Db, userId: string): Promise<void> {
  const [[user], left] = await Promise.all([
    db.select().from(users).where(eq(users.id, userId)),
    countUnusedBackupCodes(db, userId),
  ]);
  if (!user) return;
  await notifyUser(db, {
    user,
    subject: 'A backup code was used to sign in',
    paragraphs: [
      `Someone signed in to your Latchkey account with one of your backup codes. You have ${left} backup code${left === 1 ? '' : 's'} left.`,
      left <= BACKUP_CODES_LOW
        ? 'You are running low: create a new set from Account › Security.'
        : 'Each code works once.',
    ],
  });
}
