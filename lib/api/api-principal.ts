import type { Role, User } from '../db/schema';
import type { Failure } from '../result';

/**
 * Who is calling: the API Account and its role (both read on this call), and how it proved itself:
 * its password (Basic) or one of its keys (Bearer, `keyId`), so a handler can audit as the account.
 */
export type ApiPrincipal = { user: User; role: Role; via: 'password' | 'key'; keyId: string | null };

/** Why a call is refused, with the HTTP status to answer with (and Retry-After for a 429). */
export type ApiRefusal = Failure<never> & { status: 400 | 401 | 403 | 429; retryAfterSeconds?: number };

/** A Result whose failure also carries the HTTP status to answer with. */
export type ApiAuth = { ok: true; data: ApiPrincipal } | ApiRefusal;

export const refuse = (status: ApiRefusal['status'], error: string, retryAfterSeconds?: number): ApiRefusal =>
  retryAfterSeconds ? { ok: false, status, error, retryAfterSeconds } : { ok: false, status, error };
