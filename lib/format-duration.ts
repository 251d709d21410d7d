const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = [
  { ms: DAY, one: 'a day', many: 'days', from: 7 * DAY },
  { ms: HOUR, one: 'an hour', many: 'hours', from: HOUR },
  { ms: MINUTE, one: 'a minute', many: 'minutes', from: MINUTE },
  { ms: SECOND, one: 'a second', many: 'seconds', from: 0 },
];

/**
 * A lifetime from lib/limits.ts in words for UI copy: "30 seconds", "2 minutes", "an hour",
 * "48 hours", "30 days". Hours up to a week, as people count link lifetimes. (Lockout waits,
 * which are rounded up, use formatWait in lib/rate-limit/hit.ts.)
 */
export function formatDuration(ms: number): string {
  const unit = UNITS.find((u) => ms >= u.from && ms % u.ms === 0) ?? UNITS.at(-1)!;
  const count = Math.round(ms / unit.ms);
  return count === 1 ? unit.one : `${count} ${unit.many}`;
}
