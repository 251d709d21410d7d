/**
 * "1 December 2026, 00:00 UTC": the one way an enforcement date is written, in the dialog, the
 * banner, the admin table and emails. Pure, so the Configure dialog (a client island) uses it too.
 */
export function formatEnforcementDate(date: Date): string {
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

/** A date input's value ("2026-12-01") as the start of that day in UTC, or null if it is not a real date. */
export function startOfTypedDay(typed: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed.trim());
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().startsWith(typed.trim()) ? day : null;
}

/** A Date as a date input's value ("2026-12-01", its UTC day). */
export const typedDay = (d: Date) => d.toISOString().slice(0, 10);
