import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from '../admin/messages';
import type { Failure } from '../result';
import { apiError } from './respond';
import type { ErrorCode } from './schemas';

type Answer = { status: number; code: ErrorCode };

/**
 * A lib function's refusal as an /api/v1 error, in the lib's own words. The status: a wait is 429
 * with Retry-After; a user not in the caller's company is 404 (exactly like an unknown id); the
 * caller's own account is 403; a message the endpoint lists in `known` gets its answer (a conflict);
 * field messages are 400 validation_failed with `fields`; anything else 400.
 */
export function failureResponse(failure: Failure<unknown>, known: Record<string, Answer> = {}): Response {
  if (failure.retryAfterSeconds)
    return apiError(429, 'rate_limited', failure.error, {
      headers: { 'Retry-After': String(failure.retryAfterSeconds) },
    });
  if (failure.error === USER_NOT_FOUND) return apiError(404, 'not_found', failure.error);
  if (failure.error === SELF_SERVICE_ONLY)
    return apiError(
      403,
      'forbidden',
      'An API account cannot change its own account through the API. Ask an admin of your company.',
    );
  const fields = failure.fieldErrors && Object.keys(failure.fieldErrors).length > 0 ? failure.fieldErrors : undefined;
  const answer = Object.hasOwn(known, failure.error)
    ? known[failure.error]
    : { status: 400, code: fields ? 'validation_failed' : 'bad_request' };
  return apiError(answer.status, answer.code as ErrorCode, failure.error, fields ? { fields } : {});
}
