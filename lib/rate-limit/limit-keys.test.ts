import { describe, expect, it } from 'vitest';
import {
  CONSECUTIVE_FAILURES_LIMIT,
  PASSWORD_FAILURES_PER_ACCOUNT,
  SECOND_FACTOR_FAILURES_PER_ACCOUNT,
} from '../limits';
import { limitKeys, SECOND_FACTOR_KEY_PREFIXES, secondFactorKeys, lockoutKeys } from './limit-keys';

const USER = '4f1c2d3e-0000-4000-8000-000000000001';

describe('limit keys', () => {
  it('keys each counter by its account, with the limit from lib/limits', () => {
    expect(limitKeys.password(USER)).toEqual([
      expect.objectContaining({ key: `pw:acct:${USER}`, limit: PASSWORD_FAILURES_PER_ACCOUNT }),
      expect.objectContaining({ key: `pw:consecutive:${USER}`, limit: CONSECUTIVE_FAILURES_LIMIT }),
    ]);
    expect(limitKeys.secondFactor(USER)).toEqual([
      expect.objectContaining({ key: `2fa:acct:${USER}`, limit: SECOND_FACTOR_FAILURES_PER_ACCOUNT }),
      expect.objectContaining({ key: `2fa:consecutive:${USER}`, limit: CONSECUTIVE_FAILURES_LIMIT }),
    ]);
  });

  it('builds second-factor keys from the prefixes the redeem statement uses in SQL', () => {
    expect(secondFactorKeys(USER)).toEqual(SECOND_FACTOR_KEY_PREFIXES.map((prefix) => `${prefix}${USER}`));
  });

  it('keeps accounts and channels apart', () => {
    const a = limitKeys.codeSends({ challengeId: 'c1', channel: 'sms', userId: 'u1', destination: '+447700900123' });
    const b = limitKeys.codeSends({ challengeId: 'c1', channel: 'email', userId: 'u1', destination: 'a@example.com' });
    expect(a[0].key).not.toBe(b[0].key);
    expect(a[1].key).toBe(b[1].key); // the hourly cap is per user, whatever the channel
    expect(new Set([...secondFactorKeys('u1'), ...secondFactorKeys('u2')]).size).toBe(4);
  });

  it('names every lockout counter for Unlock', () => {
    expect(lockoutKeys(USER).sort()).toEqual(
      [...limitKeys.password(USER), limitKeys.reauth(USER), ...limitKeys.secondFactor(USER)].map((c) => c.key).sort(),
    );
  });
});
