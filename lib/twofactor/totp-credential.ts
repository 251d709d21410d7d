import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { totpCredentials, type TotpCredential } from '../db/schema';
import { decrypt, encrypt } from '../crypto/encryption';
import { newTotpSecret } from './totp';
import { startedByOf, totpState } from './totp-state';

const context = (userId: string) => `totp:${userId}`;

export async function findTotpCredential(db: DbOrTx, userId: string): Promise<TotpCredential | undefined> {
  const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  return row;
}

/** The plaintext secret of a credential row. */
export function readTotpSecret(credential: TotpCredential): string {
  return decrypt(credential.secretEncrypted, context(credential.userId));
}

/** The pending enrolment `startedBy` began for `userId`, if any. */
export async function findPendingTotp(
  db: DbOrTx,
  input: { userId: string; startedBy: string },
): Promise<TotpCredential | undefined> {
  const credential = await findTotpCredential(db, input.userId);
  return totpState(credential, input.startedBy) === 'pending' ? credential : undefined;
}

/**
 * The secret of the pending enrolment `startedBy` began for `userId`, or null. Reads only: pages
 * show the QR with it, and only an action (beginTotpSetup) ever creates one.
 */
export async function readPendingTotpSecret(
  db: DbOrTx,
  input: { userId: string; startedBy: string },
): Promise<string | null> {
  const pending = await findPendingTotp(db, input);
  return pending ? readTotpSecret(pending) : null;
}

/**
 * Starts (or resumes) enrolment: keeps one pending secret server-side, encrypted, so a wrong
 * password or code shows the same QR again. `startedBy` is the user, or an admin setting it up at
 * their side; a pending secret someone else started is replaced, never shown, so an admin never
 * learns a secret the user is enrolling. Returns null if an authenticator is already active.
 */
export async function beginTotpSetup(db: DbOrTx, userId: string, startedBy: string = userId): Promise<string | null> {
  const existing = await findTotpCredential(db, userId);
  if (existing?.confirmedAt) return null;
  if (existing && startedByOf(existing) !== startedBy) {
    await db
      .delete(totpCredentials)
      .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)));
  }
  await db
    .insert(totpCredentials)
    .values({ userId, startedBy, secretEncrypted: encrypt(newTotpSecret(), context(userId)) })
    .onConflictDoNothing();
  return readPendingTotpSecret(db, { userId, startedBy });
}

/** Abandons a pending enrolment; an active authenticator is untouched. */
export async function cancelTotpSetup(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(totpCredentials).where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)));
}

/**
 * Records that the code of `step` was used, only if no code of that step or a later one was: one
 * conditional UPDATE, so two requests with the same code cannot both succeed.
 */
export async function consumeTotpStep(db: DbOrTx, input: { userId: string; step: number }): Promise<boolean> {
  const rows = await db
    .update(totpCredentials)
    .set({ lastUsedStep: input.step })
    .where(
      and(
        eq(totpCredentials.userId, input.userId),
        isNotNull(totpCredentials.confirmedAt),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, input.step)),
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return rows.length === 1;
}
