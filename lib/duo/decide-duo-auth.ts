import type { DuoAuthOutcome, DuoAuthStatus } from './types';

/** Statuses after which nothing more will happen, whatever `result` says. */
const FINAL_DENIALS = new Set(['deny', 'fraud', 'timeout', 'locked_out', 'sent']);

/**
 * What an auth or auth_status answer means for the sign-in: allowed only when Duo says `allow` and the
 * status is not a denial; denied on any final status (a timed-out push is documented in places with
 * result `waiting`, so the status decides); otherwise still waiting.
 */
export function decideDuoAuth(answer: DuoAuthStatus | DuoAuthOutcome): 'allow' | 'deny' | 'waiting' {
  if (FINAL_DENIALS.has(answer.status)) return 'deny';
  if (answer.result === 'allow') return 'allow';
  if (answer.result === 'deny') return 'deny';
  return 'waiting';
}
