import { and, eq, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { duoEnrollments } from '../db/schema';
import { recordAudit } from '../audit/record';
import { encrypt } from '../crypto/encryption';
import { DUO_SETUP_LIFETIME_MS } from '../limits';
import { hitRateLimit } from '../rate-limit/hit';
import { limitKeys } from '../rate-limit/limit-keys';
import { fail, ok, type Result } from '../result';
import { completeDuoSetup } from './complete-duo-setup';
import { duoSetupFailure, loadDuoSetupTarget, type DuoSetupScope } from './duo-setup-target';

/** The encryption context of an activation code: a blob copied to another user's row fails to open. */
export const duoActivationContext = (userId: string) => `duo-activation:${userId}`;

export type DuoSetupStarted =
  /** Duo already knows the user (preauth "auth" or "allow"): Duo is now their method. */
  | { state: 'done'; emailed: boolean }
  /** The phone must scan the barcode (served by our route) or open the link; poll until activated. */
  | { state: 'waiting'; activationUrl: string; expiresAt: Date };

export type DuoSetupInput = DuoSetupScope & {
  /** Who pressed "Duo Setup": the user, or an admin of their company beside them. */
  actorUserId: string;
  /** The actor's session, kept when the user's other sessions end (the user's own Duo Setup). */
  sessionId?: string | null;
  ip?: string | null;
  now?: Date;
};

/**
 * "Duo Setup": asks Duo's preauth about the user. If Duo already knows them, Duo becomes their
 * method at once; if Duo says "enroll", Duo creates the user and an activation (enroll) whose user id
 * and code are kept on our side only (company-scoped, encrypted, expiring), so status checks can
 * only ever ask about this enrolment. An enrolment still valid is shown again, not replaced.
 * Callers guard it: the user's re-authentication window, or an admin in sudo mode.
 */
export async function startDuoSetup(db: Db, input: DuoSetupInput): Promise<Result<DuoSetupStarted>> {
  const now = input.now ?? new Date();
  const forAdmin = input.actorUserId !== input.userId;
  const target = await loadDuoSetupTarget(db, input);
  if (!target.ok) return target;
  const pending = await findDuoEnrollment(db, input.userId, now);
  if (pending) return ok({ state: 'waiting', activationUrl: pending.activationUrl, expiresAt: pending.expiresAt });
  // Each start asks Duo: counted with the page's status checks, so repeated starts cannot flood Duo.
  const hit = await hitRateLimit(db, { ...limitKeys.duoSetup(input.userId), now });
  if (!hit.allowed)
    return fail('Duo Setup was started too often. Wait a minute and try again.', {
      retryAfterSeconds: hit.retryAfterSeconds,
    });
  // Network calls next, outside any transaction: a slow Duo must not hold a connection.
  const { client, duoUsername, user } = target.data;
  const preauth = await client.preauth({ username: duoUsername, ipaddr: input.ip ?? undefined });
  if (!preauth.ok) return duoSetupFailure(preauth, forAdmin);
  const { result, status_msg } = preauth.data;
  if (result === 'deny')
    return fail(
      `Duo refused ${forAdmin ? user.name : 'you'}: “${status_msg}”. An administrator of your Duo account can ` +
        'check the user in the Duo Admin Panel.',
    );
  if (result === 'auth' || result === 'allow') {
    const done = await completeDuoSetup(db, { ...input, how: 'known to Duo' });
    return done.ok ? ok({ state: 'done', emailed: done.data.emailed }) : done;
  }
  const enrolled = await client.enroll({ username: duoUsername, valid_secs: DUO_SETUP_LIFETIME_MS / 1000 });
  if (!enrolled.ok) return duoSetupFailure(enrolled, forAdmin);
  const e = enrolled.data;
  const expiresAt = new Date(Math.min(now.getTime() + DUO_SETUP_LIFETIME_MS, e.expiration * 1000));
  const values = {
    duoUserId: e.user_id,
    activationCodeEncrypted: encrypt(e.activation_code, duoActivationContext(input.userId)),
    activationBarcodeUrl: e.activation_barcode,
    activationUrl: e.activation_url ?? e.activation_barcode,
    startedBy: input.actorUserId,
    createdAt: now,
    expiresAt,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(duoEnrollments)
      .values({ userId: input.userId, ...values })
      .onConflictDoUpdate({ target: duoEnrollments.userId, set: values });
    await recordAudit(tx, {
      type: '2fa.duo_setup_started',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: input.userId,
      detail: { duoUserId: e.user_id, duoUsername },
      ip: input.ip,
    });
  });
  return ok({ state: 'waiting', activationUrl: values.activationUrl, expiresAt });
}

export type DuoEnrollment = typeof duoEnrollments.$inferSelect;

/** The user's Duo Setup in progress, if it has not expired. The caller scoped the user to its company. */
export async function findDuoEnrollment(db: DbOrTx, userId: string, now = new Date()): Promise<DuoEnrollment | null> {
  const [row] = await db
    .select()
    .from(duoEnrollments)
    .where(and(eq(duoEnrollments.userId, userId), gt(duoEnrollments.expiresAt, now)));
  return row ?? null;
}
