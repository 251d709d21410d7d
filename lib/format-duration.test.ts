import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';
import {
  CONSECUTIVE_FAILURES_WINDOW_MS,
  INVITATION_LIFETIME_MS,
  LOGIN_CODE_LIFETIME_MS,
  LOGIN_CODE_RESEND_COOLDOWN_MS,
  PASSWORD_RESET_LIFETIME_MS,
  RECOVERY_REQUEST_LIFETIME_MS,
} from './limits';

describe('formatDuration', () => {
  it.each([
    [LOGIN_CODE_RESEND_COOLDOWN_MS, '30 seconds'],
    [LOGIN_CODE_LIFETIME_MS, '2 minutes'],
    [PASSWORD_RESET_LIFETIME_MS, 'an hour'],
    [INVITATION_LIFETIME_MS, '48 hours'],
    [RECOVERY_REQUEST_LIFETIME_MS, '72 hours'],
    [CONSECUTIVE_FAILURES_WINDOW_MS, '30 days'],
    [1_000, 'a second'],
    [60_000, 'a minute'],
    [90_000, '90 seconds'],
    [7 * 24 * 3_600_000, '7 days'],
  ])('%i ms is “%s”', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});
