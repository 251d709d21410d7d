import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, sessions } from '../db/schema';
import {
  MINUTE_MS,
  SESSION_IDLE_DEFAULT_MINUTES,
  SESSION_IDLE_MAX_MINUTES,
  SESSION_IDLE_MIN_MINUTES,
  SESSION_LIFETIME_DEFAULT_HOURS,
  SESSION_LIFETIME_MAX_HOURS,
  SESSION_LIFETIME_MIN_HOURS,
} from '../limits';
import { createSession, findActiveSession } from '../sessions/sessions';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { setCompanySessionLimits } from './set-company-session-limits';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('setCompanySessionLimits', () => {
  it('refuses values outside the bounds, or not whole, and saves nothing', async () => {
    const admin = await seedAdmin(db);
    const save = (idleMinutes: number, lifetimeHours: number) =>
      setCompanySessionLimits(db, { companyId: admin.companyId, actorUserId: admin.id, idleMinutes, lifetimeHours });
    for (const [idle, hours, field] of [
      [SESSION_IDLE_MIN_MINUTES - 1, 12, 'idleMinutes'],
      [SESSION_IDLE_MAX_MINUTES + 1, 12, 'idleMinutes'],
      [30.5, 12, 'idleMinutes'],
      [Number.NaN, 12, 'idleMinutes'],
      [30, SESSION_LIFETIME_MIN_HOURS - 1, 'lifetimeHours'],
      [30, SESSION_LIFETIME_MAX_HOURS + 1, 'lifetimeHours'],
    ] as const)
      expect(await save(idle, hours), `${idle} min, ${hours} h`).toMatchObject({
        ok: false,
        fieldErrors: { [field]: expect.any(String) },
      });
    const [row] = await db.select().from(companies).where(eq(companies.id, admin.companyId));
    expect(row).toMatchObject({
      sessionIdleMinutes: SESSION_IDLE_DEFAULT_MINUTES,
      sessionLifetimeHours: SESSION_LIFETIME_DEFAULT_HOURS,
    });
    expect((await save(SESSION_IDLE_MIN_MINUTES, SESSION_LIFETIME_MAX_HOURS)).ok).toBe(true);
    expect((await save(SESSION_IDLE_MAX_MINUTES, SESSION_LIFETIME_MIN_HOURS)).ok).toBe(true);
  });

  it('audits the change, and a session already open follows the shorter idle time', async () => {
    const admin = await seedAdmin(db);
    const session = await createSession(db, { userId: admin.id, secondFactor: false });
    const result = await setCompanySessionLimits(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      idleMinutes: 10,
      lifetimeHours: 8,
    });
    expect(result).toMatchObject({ ok: true, data: { sessionIdleMinutes: 10, sessionLifetimeHours: 8 } });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, admin.companyId), eq(auditEvents.type, 'company.session_limits_changed')));
    expect(event).toMatchObject({
      actorUserId: admin.id,
      detail: { changed: ['idle 30 → 10 minutes', 'length 12 → 8 hours'] },
    });
    const [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    const later = new Date(row.lastSeenAt.getTime() + 11 * MINUTE_MS);
    expect(await findActiveSession(db, session.id, later)).toBeNull();
  });
});

describe('the trusted-browser days', () => {
  it('accepts 0 (off) to 30, refuses the rest, and audits a change', async () => {
    const admin = await seedAdmin(db);
    const save = (trustedBrowserDays: number) =>
      setCompanySessionLimits(db, {
        companyId: admin.companyId,
        actorUserId: admin.id,
        idleMinutes: 30,
        lifetimeHours: 12,
        trustedBrowserDays,
      });
    for (const days of [-1, 31, 2.5, Number.NaN])
      expect(await save(days), `${days} days`).toMatchObject({
        ok: false,
        fieldErrors: { trustedBrowserDays: expect.any(String) },
      });
    expect(await save(30)).toMatchObject({ ok: true, data: { trustedBrowserDays: 30 } });
    expect(await save(0)).toMatchObject({ ok: true, data: { trustedBrowserDays: 0 } });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, admin.companyId), eq(auditEvents.type, 'company.session_limits_changed')));
    expect(events.map((e) => (e.detail as { changed: string[] }).changed.at(-1))).toEqual([
      'trusted browsers 0 → 30 days',
      'trusted browsers 30 → 0 days',
    ]);
  });
});
