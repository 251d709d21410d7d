import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { describeEventDetail, listCompanyEvents } from './list-company-events';
import { recordAudit } from './record';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('listCompanyEvents', () => {
  it('shows one company’s events, newest first, and nothing of another company', async () => {
    const a = await seedAdmin(db);
    const b = await seedAdmin(db);
    await recordAudit(db, { type: '2fa.enabled', companyId: a.companyId, actorUserId: a.id, targetUserId: a.id });
    await recordAudit(db, { type: '2fa.disabled', companyId: b.companyId, actorUserId: b.id, targetUserId: b.id });
    const events = await listCompanyEvents(db, a.companyId);
    expect(events.map((e) => e.type)).toEqual(['2fa.enabled', 'account.created']);
    expect(events[0]).toMatchObject({ actor: a.email, target: a.email });
  });
});

describe('describeEventDetail', () => {
  it('says what changed in words', () => {
    expect(
      describeEventDetail('2fa.company_policy_changed', {
        before: { required: false },
        after: { required: true, totp: true, duo: false },
      }),
    ).toBe('Off → On (SMS/Email, TOTP)');
    expect(describeEventDetail('auth.second_factor_passed', { method: 'backup' })).toBe('backup code');
    expect(describeEventDetail('session.ended_by_user', { count: 1 })).toBe('1 session');
    expect(describeEventDetail('user.updated', { changed: ['mobile', 'role'] })).toBe('changed: mobile, role');
    expect(describeEventDetail('account.created', {})).toBe('');
  });
});
