import { NextResponse, type NextRequest } from 'next/server';

/** Signed-out visitors are sent to sign in. A convenience only: every page and action checks again. */
const PROTECTED = [/^\/$/, /^\/account(\/|$)/, /^\/admin(\/|$)/];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
/** Not pages: static files, the API, the load-balancer probes and the outage page get HSTS only. */
const NOT_PAGES = /^\/(?:_next\/static|_next\/image|favicon\.ico|api|healthz|readyz|unavailable)(?:\/|$)/;

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * HSTS is decided here, per request, because LATCHKEY_INSECURE_HTTP is a setting of `npm start`:
 * next.config.mjs headers() are evaluated by `next build` and would freeze the build's value.
 */
function withHsts(response: NextResponse): NextResponse {
  if (process.env.NODE_ENV === 'production' && process.env.LATCHKEY_INSECURE_HTTP !== '1') {
    response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  }
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (NOT_PAGES.test(pathname)) return withHsts(NextResponse.next());
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && PROTECTED.some((pattern) => pattern.test(pathname))) {
    return withHsts(NextResponse.redirect(new URL('/login', request.url)));
  }
  // Prefetches too: a page prefetched as a document (Purpose: prefetch) may be shown from the
  // browser's cache, so it needs its CSP and nonces like any other page.
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return withHsts(response);
}

/** Every path: each response gets the HSTS decision; NOT_PAGES above keeps the rest to pages. */
export const config = { matcher: '/:path*' };
