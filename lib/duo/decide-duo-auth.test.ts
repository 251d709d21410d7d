import { describe, expect, it } from 'vitest';
import { decideDuoAuth } from './decide-duo-auth';

describe('decideDuoAuth', () => {
  it.each([
    ['allow', 'allow', 'allow'],
    ['allow', 'bypass', 'allow'],
    ['waiting', 'pushed', 'waiting'],
    ['waiting', 'calling', 'waiting'],
    ['waiting', 'answered', 'waiting'],
    ['waiting', 'push_failed', 'waiting'],
    ['waiting', 'timeout', 'deny'],
    ['deny', 'timeout', 'deny'],
    ['deny', 'deny', 'deny'],
    ['deny', 'fraud', 'deny'],
    ['deny', 'locked_out', 'deny'],
    ['deny', 'sent', 'deny'],
    ['allow', 'fraud', 'deny'],
  ] as const)('result %s, status %s → %s', (result, status, decision) => {
    expect(decideDuoAuth({ result, status, status_msg: '' })).toBe(decision);
  });
});
