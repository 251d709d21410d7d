/**
 * Whether a state-changing request to a route handler came from one of our own pages: its Origin
 * (sent by browsers on every POST) names the host it was sent to. Server actions get this check from
 * Next.js; route handlers that change state call this (DESIGN §3).
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (!origin || !host || !URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}
