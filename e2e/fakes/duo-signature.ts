import { safeEqual } from '../../lib/crypto/tokens';
import { signRequest, type DuoParams, type SignableRequest } from '../../lib/duo/sign-request';

/** A Duo error as the fake answers it: HTTP status, Duo's code and message. */
export type DuoRefusal = { status: number; code: number; message: string; detail?: string };

export type IncomingDuoRequest = {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  /** Query (GET) or form body (POST) parameters, decoded; a JSON body leaves this to the query. */
  params: DuoParams;
  /** The raw body ('' for GET). */
  body: string;
  headers: Record<string, string | string[] | undefined>;
};

/**
 * Verifies a request the way Duo does: Basic credentials of a known integration key, a Date within the
 * clock tolerance, and a signature over Duo's own hostname that matches one of the forms Duo accepts
 * (v2 with HMAC-SHA512 or HMAC-SHA1, v5). Signing goes through lib/duo/sign-request, the code production
 * signs with. The codes for a missing or skewed Date are the fake's choice (Duo documents no code for them).
 */
export function verifyDuoRequest(
  request: IncomingDuoRequest,
  context: { host: string; integrations: ReadonlyMap<string, string>; now: number; toleranceMs: number },
): { ok: true; ikey: string } | { ok: false; refusal: DuoRefusal } {
  const refuse = (code: number, message: string) => ({ ok: false as const, refusal: { status: 401, code, message } });
  const authorization = header(request.headers, 'authorization');
  const match = authorization?.match(/^Basic ([A-Za-z0-9+/=]+)$/);
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) return refuse(40101, 'Missing request credentials');
  const [ikey, signature] = [decoded.slice(0, colon), decoded.slice(colon + 1)];

  const date = header(request.headers, 'date');
  if (!date) return refuse(40104, 'Missing request timestamp');
  const skey = context.integrations.get(ikey);
  if (skey === undefined) return refuse(40102, 'Invalid integration key in request credentials');
  const sentAt = Date.parse(date);
  if (Number.isNaN(sentAt) || Math.abs(sentAt - context.now) > context.toleranceMs) {
    return refuse(40105, 'Request timestamp is outside the allowed window');
  }

  const base = { date, method: request.method, host: context.host, path: request.path, ikey, skey };
  const duoHeaders = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([name]) => name.toLowerCase().startsWith('x-duo-'))
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
  );
  const candidates: Array<SignableRequest & { digest?: 'SHA-1' | 'SHA-512' }> = [
    { ...base, version: 2, params: request.params },
    { ...base, version: 2, params: request.params, digest: 'SHA-1' },
    { ...base, version: 5, params: request.params, body: request.body, duoHeaders },
  ];
  const valid = candidates.some((candidate) => {
    try {
      return safeEqual(signRequest({ ...candidate, ikey, skey }).signature, signature);
    } catch {
      return false; // unsignable headers: not this form
    }
  });
  return valid ? { ok: true, ikey } : refuse(40103, 'Invalid signature in request credentials');
}

function header(headers: IncomingDuoRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
