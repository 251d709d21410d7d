import { describe, expect, it } from 'vitest';
import {
  enforcementDateRange,
  formatEnforcementDate,
  parseEnforcementDate,
  pendingEnforcementDate,
  twoFactorEnforced,
} from './enforcement';

const NOW = new Date('2026-11-26T15:30:00Z');
const DEC_1 = new Date('2026-12-01T00:00:00Z');

describe('twoFactorEnforced', () => {
  it.each([
    // switch, date → enforced now, pending date
    ['off, no date', false, null, false, null],
    ['off, a date left behind', false, DEC_1, false, null],
    ['on, at once', true, null, true, null],
    ['on, date ahead', true, DEC_1, false, DEC_1],
    ['on, date passed', true, new Date('2026-11-01T00:00:00Z'), true, null],
    ['on, date exactly now', true, NOW, true, null],
  ] as const)('%s', (_name, twoFactorRequired, twoFactorEnforcedFrom, enforced, pending) => {
    const company = { twoFactorRequired, twoFactorEnforcedFrom };
    expect(twoFactorEnforced(company, NOW)).toBe(enforced);
    expect(pendingEnforcementDate(company, NOW)).toEqual(pending);
  });

  it('applies from the date on: a millisecond before it is still before', () => {
    const company = { twoFactorRequired: true, twoFactorEnforcedFrom: DEC_1 };
    expect(twoFactorEnforced(company, new Date(DEC_1.getTime() - 1))).toBe(false);
    expect(twoFactorEnforced(company, DEC_1)).toBe(true);
  });
});

describe('parseEnforcementDate', () => {
  it.each([
    ['today is at once', '2026-11-26', { ok: true, data: null }],
    ['tomorrow, from the start of the day in UTC', '2026-11-27', { ok: true, data: new Date('2026-11-27T00:00:00Z') }],
    ['30 days ahead', '2026-12-26', { ok: true, data: new Date('2026-12-26T00:00:00Z') }],
    ['31 days ahead', '2026-12-27', { ok: false, error: 'Choose a date at most 30 days ahead.' }],
    ['yesterday', '2026-11-25', { ok: false, error: 'Choose today or a date ahead.' }],
    ['a day that does not exist', '2026-11-31', { ok: false, error: 'Enter the date as day, month and year.' }],
    ['not a date', 'next week', { ok: false, error: 'Enter the date as day, month and year.' }],
    ['empty', '', { ok: false, error: 'Enter the date as day, month and year.' }],
  ])('%s', (_name, typed, expected) => {
    expect(parseEnforcementDate(typed, NOW)).toEqual(expected);
  });

  it('gives the date input the same bounds', () => {
    expect(enforcementDateRange(NOW)).toEqual({ min: '2026-11-26', max: '2026-12-26' });
  });

  it('writes the date with its time and zone', () => {
    expect(formatEnforcementDate(DEC_1)).toBe('1 December 2026, 00:00 UTC');
  });
});
