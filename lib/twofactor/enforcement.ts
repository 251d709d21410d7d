import type { Company } from '../db/schema';
import { now as clockNow } from '../clock';
import { TWO_FACTOR_ENFORCEMENT_MAX_DAYS } from '../limits';
import { fail, ok, type Result } from '../result';
import { startOfTypedDay, typedDay } from './enforcement-date';

type Enforceable = Pick<Company, 'twoFactorRequired' | 'twoFactorEnforcedFrom'>;

/**
 * The one answer to "does the company's two-factor requirement apply at this moment?", used by the
 * policy (sign-in and every screen that lists methods), the step-up guard and the banner. Until
 * the enforcement date, the company is treated as if 2FA were off; a null date means at once.
 */
export function twoFactorEnforced(company: Enforceable, now: Date = clockNow()): boolean {
  if (!company.twoFactorRequired) return false;
  return !company.twoFactorEnforcedFrom || company.twoFactorEnforcedFrom.getTime() <= now.getTime();
}

/** The date the requirement starts when it is switched on but not yet in force, else null. */
export function pendingEnforcementDate(company: Enforceable, now: Date = clockNow()): Date | null {
  return company.twoFactorRequired && !twoFactorEnforced(company, now) ? company.twoFactorEnforcedFrom : null;
}

const DAY_MS = 86_400_000;
const startOfUtcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/**
 * A date typed in the Configure dialog ("2026-12-01") as the start of that day in UTC: from today
 * up to TWO_FACTOR_ENFORCEMENT_MAX_DAYS ahead. Today means at once (null: no date to wait for).
 */
export function parseEnforcementDate(typed: string, now: Date = clockNow()): Result<Date | null> {
  const parsed = startOfTypedDay(typed);
  if (!parsed) return fail('Enter the date as day, month and year.');
  const day = parsed.getTime();
  const today = startOfUtcDay(now);
  if (day < today) return fail('Choose today or a date ahead.');
  if (day > today + TWO_FACTOR_ENFORCEMENT_MAX_DAYS * DAY_MS)
    return fail(`Choose a date at most ${TWO_FACTOR_ENFORCEMENT_MAX_DAYS} days ahead.`);
  return ok(day === today ? null : new Date(day));
}

export { formatEnforcementDate } from './enforcement-date';

/** The dates the Configure dialog's date input allows: today (at once) to the maximum ahead. */
export function enforcementDateRange(now: Date = clockNow()): { min: string; max: string } {
  const today = startOfUtcDay(now);
  return { min: typedDay(new Date(today)), max: typedDay(new Date(today + TWO_FACTOR_ENFORCEMENT_MAX_DAYS * DAY_MS)) };
}
