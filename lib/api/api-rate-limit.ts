import type { DbOrTx } from '../db/client';
import { hitRateLimit, type RateLimitClaim } from '../rate-limit/hit';
import { API_REFUSED_ADDRESS_AUDIT_INTERVAL_MS, apiCallsPerMinute, MINUTE_MS } from '../limits';
import { refuse, type ApiRefusal } from './api-principal';

/** The counters of API calls, in the rate_limits table like every other limit (shared by all instances). */
export const apiLimitKeys = {
  /** Calls of one API Account per minute. */
  calls: (userId: string): RateLimitClaim => ({
    key: `api:calls:${userId}`,
    limit: apiCallsPerMinute(),
    windowMs: MINUTE_MS,
  }),
  /** One audit row per account and interval for calls refused by the allow-list. */
  refusedAddressAudit: (userId: string): RateLimitClaim => ({
    key: `api:refused-address:${userId}`,
    limit: 1,
    windowMs: API_REFUSED_ADDRESS_AUDIT_INTERVAL_MS,
  }),
};

/** Counts one call of the account; over its limit, a 429 that says when to come back. */
export async function countApiCall(db: DbOrTx, input: { userId: string; now: Date }): Promise<ApiRefusal | null> {
  const claim = apiLimitKeys.calls(input.userId);
  const counted = await hitRateLimit(db, { ...claim, now: input.now });
  if (counted.allowed) return null;
  const seconds = counted.retryAfterSeconds;
  return refuse(
    429,
    `This API Account made more than ${claim.limit} calls in a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    seconds,
  );
}
