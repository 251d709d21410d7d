import type { DbOrTx } from '../db/client';
import type { ApiKey } from '../db/schema';
import { tooLong } from '../field-messages';
import { IDENTIFIER_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '../limits';
import { refuse, type ApiAuth } from './api-principal';
import { refuseOutsideAllowList } from './api-allow-list';
import { countApiCall } from './api-rate-limit';
import { authenticateKey, touchApiKey } from './authenticate-key';
import { authenticatePassword } from './authenticate-password';

export type { ApiAuth, ApiPrincipal, ApiRefusal } from './api-principal';

/**
 * Longest Authorization header worth reading: Basic credentials at both caps, at 4 UTF-8 bytes a
 * character, in base64 (a Bearer key is far shorter).
 */
export const AUTHORIZATION_MAX_LENGTH =
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

/** Reads `Authorization: Bearer <token>`; null when the scheme is another. */
export function parseBearer(header: string | null): string | null {
  return header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}

/**
 * Authenticates an HTTP API call, then applies the account's IP allow-list (403) and its calls
 * per minute (429). Only accounts an admin marked "API Account" may use the API, with one of their
 * keys (`Authorization: Bearer lk_…`) or their password (Basic): they have no web session and no
 * second factor. A regular user's password alone never opens the API, and the answer does not
 * reveal whether it was right. The account, its role and its key are read on every call, so a
 * change (password, role, deactivation, revocation) counts on the next call on every instance.
 */
export async function authenticateApi(
  db: DbOrTx,
  input: { authorization: string | null; ip: string; now?: Date },
): Promise<ApiAuth> {
  const now = input.now ?? new Date();
  // Caps first, before any lookup, count or hash: over-long credentials can never be right.
  if ((input.authorization?.length ?? 0) > AUTHORIZATION_MAX_LENGTH)
    return refuse(
      400,
      `The credentials are too long. Use at most ${IDENTIFIER_MAX_LENGTH} characters for the email or username and ${PASSWORD_INPUT_MAX_LENGTH} for the password.`,
    );
  let auth: ApiAuth;
  let key: ApiKey | undefined;
  const token = parseBearer(input.authorization);
  if (token !== null) {
    ({ key, ...auth } = await authenticateKey(db, { token, now }));
  } else {
    const credentials = parseBasicAuth(input.authorization);
    if (!credentials)
      return refuse(
        401,
        'Send an API key as “Authorization: Bearer lk_…”, or an API Account’s email and password with HTTP Basic authentication.',
      );
    if (credentials.identifier.length > IDENTIFIER_MAX_LENGTH)
      return refuse(400, `The email or username is too long. ${tooLong(IDENTIFIER_MAX_LENGTH)}`);
    if (credentials.password.length > PASSWORD_INPUT_MAX_LENGTH)
      return refuse(400, `The password is too long. ${tooLong(PASSWORD_INPUT_MAX_LENGTH)}`);
    auth = await authenticatePassword(db, { ...credentials, ip: input.ip, now });
  }
  if (!auth.ok) return auth;
  // After the credentials were verified, so neither answer helps anyone guess them. A call from
  // outside the allow-list does not use up the account's calls: a leaked credential used from
  // elsewhere cannot starve the real integration.
  const refused =
    (await refuseOutsideAllowList(db, { principal: auth.data, ip: input.ip, now })) ??
    (await countApiCall(db, { userId: auth.data.user.id, now }));
  if (refused) return refused;
  if (key) await touchApiKey(db, { key, ip: input.ip, now });
  return auth;
}
