import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../lib/db/client';
import { backupCodes, outboxMessages, recoveryRequests, totpCredentials, type User } from '../lib/db/schema';
import { setSecurityQuestion } from '../lib/recovery/set-security-question';
import { openChallenge } from '../lib/sign-in/open-challenge';
import { startRecovery } from '../lib/recovery/start-recovery';
import { seedUserWithTotp, STRONG_PASSWORD } from './fixtures';

export const ANSWER = 'Springfield Elementary';

/** A user with an authenticator, backup codes and a security question, stuck at the challenge. */
export async function seedLockedOutUser(db: Db) {
  const seeded = await seedUserWithTotp(db);
  const set = await setSecurityQuestion(db, {
    user: seeded.user,
    password: STRONG_PASSWORD,
    question: 'What was the name of your first school?',
    answer: ANSWER,
  });
  if (!set.ok) throw new Error(set.error);
  const challengeToken = (await openChallenge(db, { userId: seeded.user.id, factorRequired: true })).token;
  return { ...seeded, challengeToken };
}

/** The newest outbox email to `to` with `subject`, and the link in it under `path`. */
export async function emailedLink(
  db: Db,
  input: { to: string; subject: string; path: '/recover/confirm/' | '/recover/cancel/' },
): Promise<string> {
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.to, input.to), eq(outboxMessages.subject, input.subject)))
    .orderBy(desc(outboxMessages.id))
    .limit(1);
  const match = mail?.text.match(new RegExp(`${input.path}([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${input.path} link emailed to ${input.to}`);
  return match[1];
}

/** A request started with the right answer; returns its email-link and cancel-link tokens. */
export async function startedRequest(db: Db, input: { challengeToken: string; user: User; now?: Date }) {
  const started = await startRecovery(db, { token: input.challengeToken, answer: ANSWER, now: input.now });
  if (!started.ok) throw new Error(started.error);
  const subject = 'Confirm your recovery request';
  return {
    requestId: started.data.requestId,
    emailToken: await emailedLink(db, { to: input.user.email, subject, path: '/recover/confirm/' }),
    cancelToken: await emailedLink(db, { to: input.user.email, subject, path: '/recover/cancel/' }),
  };
}

/** What a reset would remove, and the user's requests: re-read to prove what changed. */
export async function factorsAndRequests(db: Db, userId: string) {
  const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  const codes = await db.select().from(backupCodes).where(eq(backupCodes.userId, userId));
  const requests = await db.select().from(recoveryRequests).where(eq(recoveryRequests.userId, userId));
  return { hasTotp: Boolean(credential?.confirmedAt), backupCodes: codes.length, requests };
}
