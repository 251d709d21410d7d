import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { duoEnrollments } from '../db/schema';
import { decrypt } from '../crypto/encryption';
import type { DuoImage } from '../duo/types';
import { hitRateLimit } from '../rate-limit/hit';
import { limitKeys } from '../rate-limit/limit-keys';
import { fail, ok, type Result } from '../result';
import { completeDuoSetup } from './complete-duo-setup';
import { duoSetupFailure, loadDuoSetupTarget } from './duo-setup-target';
import { duoActivationContext, findDuoEnrollment, type DuoSetupInput } from './start-duo-setup';

export type DuoSetupStatus = 'waiting' | 'activated';

const ENDED = 'This Duo Setup has ended or expired. Press “Duo Setup” again for a new activation.';

/** Each check is a call to Duo: counted per user, so a page left polling (or a script) cannot flood Duo. */
async function withinLimit(db: Db, input: DuoSetupInput, now: Date): Promise<Result> {
  const hit = await hitRateLimit(db, { ...limitKeys.duoSetup(input.userId), now });
  if (hit.allowed) return ok();
  return fail('Too many checks of this Duo Setup. Wait a moment; the page keeps trying.', {
    retryAfterSeconds: hit.retryAfterSeconds,
  });
}

/**
 * Asks Duo (enroll_status) whether the phone of the user's own stored enrolment is activated: the
 * user id and activation code come from our row, never from the request, so no one can ask about
 * another enrolment. On success Duo becomes the user's method (completeDuoSetup, once).
 */
export async function checkDuoSetup(db: Db, input: DuoSetupInput): Promise<Result<{ status: DuoSetupStatus }>> {
  const now = input.now ?? new Date();
  const target = await loadDuoSetupTarget(db, input);
  if (!target.ok) return target;
  const limited = await withinLimit(db, input, now);
  if (!limited.ok) return limited;
  const pending = await findDuoEnrollment(db, input.userId, now);
  if (!pending) return target.data.user.preferredMethod === 'duo' ? ok({ status: 'activated' }) : fail(ENDED);
  const status = await target.data.client.enrollStatus({
    user_id: pending.duoUserId,
    activation_code: decrypt(pending.activationCodeEncrypted, duoActivationContext(input.userId)),
  });
  if (!status.ok) return duoSetupFailure(status, input.actorUserId !== input.userId);
  if (status.data === 'waiting') return ok({ status: 'waiting' });
  if (status.data === 'invalid') {
    await db
      .delete(duoEnrollments)
      .where(and(eq(duoEnrollments.userId, input.userId), eq(duoEnrollments.duoUserId, pending.duoUserId)));
    return fail(ENDED);
  }
  const done = await completeDuoSetup(db, { ...input, how: 'activated', duoUserId: pending.duoUserId });
  return done.ok ? ok({ status: 'activated' }) : done;
}

/**
 * The activation barcode of the user's Duo Setup in progress, fetched from Duo by the server so the
 * page shows it from our own origin (its CSP allows no image from Duo). Counted like a status check.
 */
export async function duoSetupBarcode(db: Db, input: DuoSetupInput): Promise<Result<DuoImage>> {
  const now = input.now ?? new Date();
  const target = await loadDuoSetupTarget(db, input);
  if (!target.ok) return target;
  const limited = await withinLimit(db, input, now);
  if (!limited.ok) return limited;
  const pending = await findDuoEnrollment(db, input.userId, now);
  if (!pending) return fail(ENDED);
  const image = await target.data.client.activationBarcode(pending.activationBarcodeUrl);
  return image.ok ? ok(image.data) : duoSetupFailure(image, input.actorUserId !== input.userId);
}
