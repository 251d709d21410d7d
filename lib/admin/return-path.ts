/** Where the confirm page sends an admin when nothing (or nothing usable) says where to go. */
export const DEFAULT_RETURN_PATH = '/admin/users';
const CONFIRM_PAGE = '/admin/confirm';

/** An admin page of this app: letters, digits and dashes between slashes; no scheme, host, dots or query. */
const ADMIN_PATH = /^\/admin(?:\/[A-Za-z0-9-]{1,64}){0,4}$/;

/**
 * The page the confirm page may return to: only one of this app's admin pages, never another
 * site ("//evil.example", "/\evil.example", "https://…"), never the confirm page itself.
 */
export function safeReturnPath(next: unknown): string {
  if (typeof next !== 'string' || !ADMIN_PATH.test(next) || next === CONFIRM_PAGE) return DEFAULT_RETURN_PATH;
  return next;
}

/** The confirm page, asked to come back to `returnTo` afterwards. */
export function confirmPath(returnTo: string): string {
  return `${CONFIRM_PAGE}?next=${encodeURIComponent(safeReturnPath(returnTo))}`;
}
