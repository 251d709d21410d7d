import type { DbOrTx } from '../db/client';
import { eq } from 'drizzle-orm';
import { roles, type Role, type User } from '../db/schema';
import { tooLong } from '../field-messages';
import { IDENTIFIER_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '../limits';
import { checkPassword } from '../sign-in/check-password';
import type { Failure } from '../result';

/** Who is calling: the API Account, its role (read on this call), and how it proved itself. */
export type ApiPrincipal = { user: User; role: Role; via: 'password' | 'key'; keyId: string | null };

/** A Result whose failure also carries the HTTP status to answer with. */
export type ApiAuth =
  { ok: true; data: ApiPrincipal } | (Failure<never> & { status: 400 | 401 | 403 | 429; retryAfterSeconds?: number });

/** Longest Basic credentials worth decoding: both caps, at 4 UTF-8 bytes a character, in base64. */
const BASIC_MAX_LENGTH =
  'Basic '.length + Math.ceil(((IDENTIFIER_MAX_LENGTH + 1 + PASSWORD_INPUT_MAX_LENGTH) * 4 * 4) / 3) + 4;

/** Reads `Authorization: Basic base64(identifier:password)`; null when absent or malformed. */
export function parseBasicAuth(header: string | null): { identifier: string; password: string } | null {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  return { identifier: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Authenticates an HTTP API call. Only accounts an admin marked "API Account" may use the API:
 * they have no web session and no second factor, so their strong password is their credential.
 * A regular user's password alone never opens the API, whether or not 2FA applies to them, and
 * the answer does not reveal whether it was right.
 * Password checks share the web sign-in's limits (per account and per IP, in Postgres).
 */
export async function authenticateApi(
  db: DbOrTx,
  input: { authorization: string | null; ip: string },
): Promise<ApiAuth> {
  // Caps first, before any lookup, count or hash: over-long credentials can never be right.
  if ((input.authorization?.length ?? 0) > BASIC_MAX_LENGTH)
    return badRequest(
      `The credentials are too long. Use at most ${IDENTIFIER_MAX_LENGTH} characters for the email or username and ${PASSWORD_INPUT_MAX_LENGTH} for the password.`,
    );
  const credentials = parseBasicAuth(input.authorization);
  if (credentials && credentials.identifier.length > IDENTIFIER_MAX_LENGTH)
    return badRequest(`The email or username is too long. ${tooLong(IDENTIFIER_MAX_LENGTH)}`);
  if (credentials && credentials.password.length > PASSWORD_INPUT_MAX_LENGTH)
    return badRequest(`The password is too long. ${tooLong(PASSWORD_INPUT_MAX_LENGTH)}`);
  if (!credentials)
    return {
      ok: false,
      status: 401,
      error: 'Send an API account’s email and password with HTTP Basic authentication.',
    };
  const check = await checkPassword(db, { ...credentials, ip: input.ip, onSuccess: 'refund' });
  // Locked out, or every hash slot busy: either way the caller learns when to come back.
  if (!check.ok && check.retryAfterSeconds)
    return { ok: false, status: 429, error: check.error, retryAfterSeconds: check.retryAfterSeconds };
  // A regular user's right password gets the same answer as a wrong one: the API must not become
  // a quiet oracle for passwords of users who have a second factor.
  if (!check.ok || !check.data.user.isApiAccount)
    return { ok: false, status: 401, error: 'Wrong email or password, or not an API account.' };
  const [role] = await db.select().from(roles).where(eq(roles.id, check.data.user.roleId));
  return { ok: true, data: { user: check.data.user, role, via: 'password', keyId: null } };
}

const badRequest = (error: string): ApiAuth => ({ ok: false, status: 400, error });
