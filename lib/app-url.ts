/**
 * The public address of the app, for links in emails: APP_URL, else AUTH_URL, else the local
 * server. Set APP_URL in production so links never depend on a request's Host header.
 */
export function appUrl(path: string): string {
  const base = process.env.APP_URL || process.env.AUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}
