import type { z } from 'zod';
import type { Db } from '../db/client';
import type { ApiPrincipal } from './authenticate-api';
import { hasPermission, type Permission } from '../roles/permissions';
import { getDb } from '../db/client';
import { isDatabaseUnavailable } from '../db/errors';
import { authenticateApi } from './authenticate-api';
import { cameOverHttps, clientIpFrom } from '../net/client-ip';
import { API_BODY_MAX_BYTES, API_UNAVAILABLE_RETRY_SECONDS } from '../limits';
import { fieldErrorsFrom, type FieldErrors } from '../result';
import type { ErrorCode } from './schemas';
import { readJsonBody } from './read-body';

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
/** Both ways in: an API account's password (Basic) or one of its keys (Bearer lk_…). */
export const WWW_AUTHENTICATE = 'Basic realm="Latchkey API", charset="UTF-8", Bearer realm="Latchkey API"';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The one error shape of /api/v1 (errorSchema): a stable code, plain words, and what to fix. */
export function apiError(
  status: number,
  code: ErrorCode,
  message: string,
  more: { fields?: FieldErrors; permission?: Permission; headers?: Record<string, string> } = {},
): Response {
  const { headers, ...extra } = more;
  return jsonResponse(status, { error: { code, message, ...extra } }, headers);
}

/** An answer rendered through its schema: only the fields the schema (and so the OpenAPI document) names leave. */
export function apiJson<S extends z.ZodType>(schema: S, data: z.input<S>, status = 200): Response {
  return jsonResponse(status, schema.parse(data));
}

export const notFound = (what = 'No such user in your company.') => apiError(404, 'not_found', what);

export type ApiContext<B, Q> = { db: Db; principal: ApiPrincipal; ip: string; body: B; query: Q };

/**
 * Wraps every /api/v1 handler, in this order: refuses plain HTTP in production (Basic auth sends
 * the password); refuses a state-changing call from another site's page (a browser always sends
 * Origin, scripts need not); refuses an over-long body before reading it; authenticates the API
 * account; requires the permission the endpoint names (403 naming it); reads and checks the JSON
 * body and the query with the endpoint's zod schemas (400 with a message per field); then runs the
 * handler. An unreachable database is a 503 with Retry-After, wherever it happens.
 */
export async function withApiAccount<B = undefined, Q = undefined>(
  request: Request,
  options: { permission?: Permission | null; body?: z.ZodType<B>; query?: z.ZodType<Q> },
  handler: (context: ApiContext<B, Q>) => Promise<Response>,
): Promise<Response> {
  if (
    process.env.NODE_ENV === 'production' &&
    process.env.LATCHKEY_INSECURE_HTTP !== '1' &&
    !cameOverHttps(request.headers)
  ) {
    return apiError(403, 'https_required', 'The API is only served over HTTPS.');
  }
  if (STATE_CHANGING.has(request.method) && isForeignOrigin(request))
    return apiError(403, 'cross_origin', 'Cross-site request refused: call the API from a server or a script.');
  if (Number(request.headers.get('content-length') ?? 0) > API_BODY_MAX_BYTES) return tooLarge();
  try {
    const db = getDb();
    const ip = clientIpFrom(request.headers);
    const auth = await authenticateApi(db, { authorization: request.headers.get('authorization'), ip });
    if (!auth.ok) {
      const headers: Record<string, string> = auth.status === 401 ? { 'WWW-Authenticate': WWW_AUTHENTICATE } : {};
      if (auth.retryAfterSeconds) headers['Retry-After'] = String(auth.retryAfterSeconds);
      return apiError(auth.status, AUTH_CODES[auth.status], auth.error, { headers });
    }
    const { role } = auth.data;
    if (options.permission && !hasPermission(role.permissions, options.permission))
      return apiError(
        403,
        'forbidden',
        `This API account’s role (${role.name}) lacks the ${options.permission} permission.`,
        { permission: options.permission },
      );
    const body = await parseBody(request, options.body);
    if (body instanceof Response) return body;
    const query = parseQuery(request, options.query);
    if (query instanceof Response) return query;
    return await handler({ db, principal: auth.data, ip, body: body as B, query: query as Q });
  } catch (error) {
    if (isDatabaseUnavailable(error))
      return apiError(503, 'unavailable', 'The database is unavailable. Retry later.', {
        headers: { 'Retry-After': String(API_UNAVAILABLE_RETRY_SECONDS) },
      });
    throw error;
  }
}

const AUTH_CODES = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 429: 'rate_limited' } as const;

/** True when a browser says the call comes from a page of another site. No Origin: not a browser's cross-site call. */
function isForeignOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('host');
  return !host || !URL.canParse(origin) || new URL(origin).host !== host;
}

const tooLarge = () =>
  apiError(413, 'payload_too_large', `Send a JSON body of at most ${API_BODY_MAX_BYTES / 1024} KiB.`);

function invalid(error: z.ZodError): Response {
  const fields = fieldErrorsFrom(error);
  // A refinement of the whole object (no field) still says what to do.
  const message = Object.keys(fields).length > 0 ? 'Check the fields named.' : error.issues[0].message;
  return apiError(400, 'validation_failed', message, { fields });
}

/** The JSON body through `schema`; no schema means the endpoint reads no body. */
async function parseBody<B>(request: Request, schema: z.ZodType<B> | undefined): Promise<B | undefined | Response> {
  if (!schema) return undefined;
  const read = await readJsonBody(request, API_BODY_MAX_BYTES);
  if (read.kind === 'too_large') return tooLarge();
  if (read.kind === 'wrong_type')
    return apiError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  if (read.kind === 'malformed')
    return apiError(400, 'invalid_json', 'The body is not valid JSON. Check quotes, commas and brackets.');
  const parsed = schema.safeParse(read.value);
  return parsed.success ? parsed.data : invalid(parsed.error);
}

/** The query string through `schema`; a key given twice counts once (its first value). */
function parseQuery<Q>(request: Request, schema: z.ZodType<Q> | undefined): Q | undefined | Response {
  if (!schema) return undefined;
  const first = new Map<string, string>();
  for (const [key, value] of new URL(request.url).searchParams) if (!first.has(key)) first.set(key, value);
  const parsed = schema.safeParse(Object.fromEntries(first));
  return parsed.success ? parsed.data : invalid(parsed.error);
}
