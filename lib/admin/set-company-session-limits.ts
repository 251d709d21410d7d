import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { companies, type Company } from '../db/schema';
import { recordAudit } from '../audit/record';
import {
  SESSION_IDLE_MAX_MINUTES,
  SESSION_IDLE_MIN_MINUTES,
  SESSION_LIFETIME_MAX_HOURS,
  SESSION_LIFETIME_MIN_HOURS,
  TRUSTED_BROWSER_MAX_DAYS,
} from '../limits';
import { notifyCompanyAdmins } from '../messaging/notify-company-admins';
import { fail, ok, type FieldErrors, type Result } from '../result';

/** `trustedBrowserDays`: how long "Don't ask again on this browser" lasts (0: off); unchanged when absent. */
export type SessionLimits = { idleMinutes: number; lifetimeHours: number; trustedBrowserDays?: number };

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
/** "Sessions end after 30 minutes without activity, and 12 hours after sign-in." */
export const describeSessionLimits = ({ idleMinutes, lifetimeHours }: SessionLimits) =>
  `Sessions end after ${plural(idleMinutes, 'minute')} without activity, and ${plural(lifetimeHours, 'hour')} after sign-in.`;

/** Why these limits cannot be saved, by field; empty when they can. */
export function checkSessionLimits({ idleMinutes, lifetimeHours, trustedBrowserDays }: SessionLimits): FieldErrors {
  const errors: FieldErrors = {};
  if (
    !Number.isInteger(idleMinutes) ||
    idleMinutes < SESSION_IDLE_MIN_MINUTES ||
    idleMinutes > SESSION_IDLE_MAX_MINUTES
  )
    errors.idleMinutes = `Enter a whole number of minutes from ${SESSION_IDLE_MIN_MINUTES} to ${SESSION_IDLE_MAX_MINUTES}.`;
  if (
    !Number.isInteger(lifetimeHours) ||
    lifetimeHours < SESSION_LIFETIME_MIN_HOURS ||
    lifetimeHours > SESSION_LIFETIME_MAX_HOURS
  )
    errors.lifetimeHours = `Enter a whole number of hours from ${SESSION_LIFETIME_MIN_HOURS} to ${SESSION_LIFETIME_MAX_HOURS}.`;
  if (
    trustedBrowserDays !== undefined &&
    (!Number.isInteger(trustedBrowserDays) || trustedBrowserDays < 0 || trustedBrowserDays > TRUSTED_BROWSER_MAX_DAYS)
  )
    errors.trustedBrowserDays = `Enter a whole number of days from 0 (off) to ${TRUSTED_BROWSER_MAX_DAYS}.`;
  return errors;
}

/**
 * Sets how long the company's sessions last without activity and in all, within the bounds of
 * lib/limits.ts (NIST SP 800-63B AAL2 by default). Sessions already open follow the new values on
 * their next request. Lengthening weakens sign-in, so callers require a recent confirmation
 * (requireRecentReauth). The change and its audit row commit together; the admins are emailed.
 */
export async function setCompanySessionLimits(
  db: Db,
  input: SessionLimits & { companyId: string; actorUserId: string; ip?: string | null },
): Promise<Result<Company>> {
  const fieldErrors = checkSessionLimits(input);
  if (Object.keys(fieldErrors).length > 0) return fail('Check the highlighted values.', { fieldErrors });
  const outcome = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(companies).where(eq(companies.id, input.companyId)).for('update');
    if (!before) return null;
    const [after] = await tx
      .update(companies)
      .set({
        sessionIdleMinutes: input.idleMinutes,
        sessionLifetimeHours: input.lifetimeHours,
        trustedBrowserDays: input.trustedBrowserDays,
      })
      .where(eq(companies.id, input.companyId))
      .returning();
    const changed = [
      `idle ${before.sessionIdleMinutes} → ${after.sessionIdleMinutes} minutes`,
      `length ${before.sessionLifetimeHours} → ${after.sessionLifetimeHours} hours`,
      ...(before.trustedBrowserDays === after.trustedBrowserDays
        ? []
        : [`trusted browsers ${before.trustedBrowserDays} → ${after.trustedBrowserDays} days`]),
    ];
    await recordAudit(tx, {
      type: 'company.session_limits_changed',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      detail: { changed },
      ip: input.ip,
    });
    return { before, after };
  });
  if (!outcome) return fail('Company not found.');
  const limits = { idleMinutes: outcome.after.sessionIdleMinutes, lifetimeHours: outcome.after.sessionLifetimeHours };
  await notifyCompanyAdmins(db, {
    permission: 'company:write',
    companyId: input.companyId,
    subject: 'Session limits were changed in your company',
    paragraphs: [
      `An administrator of ${outcome.after.name} changed how long sessions last. ${describeSessionLimits(limits)}`,
      'Sessions already open follow the new limits from their next request.',
    ],
  });
  return ok(outcome.after);
}
