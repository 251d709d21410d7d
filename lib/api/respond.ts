import type { DbOrTx } from '../db/client';
import type { ApiPrincipal } from './authenticate-api';
import { hasPermission, type Permission } from '../roles/permissions';
import { getDb } from '../db/client';
import { isDatabaseUnavailable } from '../db/errors';
import { authenticateApi } from './authenticate-api';
import { cameOverHttps, clientIpFrom } from '../net/client-ip';
import { API_UNAVAILABLE_RETRY_SECONDS } from '../limits';

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/**
 * Wraps an /api/v1 handler: refuses plain HTTP in production (Basic auth sends the password),
 * authenticates the API account, requires the permission the endpoint names, and turns an unreachable
 * database into a 503.
 */
export async function withApiAccount(
  request: Request,
  options: { permission?: Permission },
  handler: (input: { db: DbOrTx; principal: ApiPrincipal }) => Promise<Response>,
): Promise<Response> {
  if (
    process.env.NODE_ENV === 'production' &&
    process.env.LATCHKEY_INSECURE_HTTP !== '1' &&
    !cameOverHttps(request.headers)
  ) {
    return jsonResponse(403, { error: 'The API is only served over HTTPS.' });
  }
  try {
    const db = getDb();
    const ip = clientIpFrom(request.headers);
    const auth = await authenticateApi(db, { authorization: request.headers.get('authorization'), ip });
    if (!auth.ok) {
      const headers: Record<string, string> =
        auth.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Latchkey API", charset="UTF-8"' } : {};
      if (auth.retryAfterSeconds) headers['Retry-After'] = String(auth.retryAfterSeconds);
      return jsonResponse(auth.status, { error: auth.error }, headers);
    }
    if (options.permission && !hasPermission(auth.data.role.permissions, options.permission))
      return jsonResponse(403, {
        error: `This API account’s role (${auth.data.role.name}) lacks the ${options.permission} permission.`,
      });
    return await handler({ db, principal: auth.data });
  } catch (error) {
    if (isDatabaseUnavailable(error))
      return jsonResponse(
        503,
        { error: 'The database is unavailable. Retry later.' },
        { 'Retry-After': String(API_UNAVAILABLE_RETRY_SECONDS) },
      );
    throw error;
  }
}
