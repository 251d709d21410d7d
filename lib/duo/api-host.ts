/** The shape of a Duo API hostname as the Admin Panel shows it: api-XXXXXXXX.duosecurity.com. */
const DUO_API_HOST = /^api-[a-z0-9]+\.duosecurity\.com$/i;

/**
 * Whether a value looks like a Duo API hostname (`api-XXXXXXXX.duosecurity.com`, any case), after
 * trimming. Only a bare host name passes: no scheme, port, path or trailing dot.
 */
export function isDuoApiHost(value: string): boolean {
  return DUO_API_HOST.test(value.trim());
}

/** The hostname as Latchkey stores and signs it: trimmed and lower-case (Duo signs the lower-case host). */
export function normalizeDuoApiHost(value: string): string {
  return value.trim().toLowerCase();
}
