import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { companies, sessions, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { createSession, findActiveSession, revokeOtherSessions, revokeSession, whySessionEnded } from './sessions';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('sessions', () => {
  it('a revoked session is no longer active', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    expect((await findActiveSession(db, session.id))?.user.id).toBe(user.id);
    await revokeSession(db, session.id);
    expect(await findActiveSession(db, session.id)).toBeNull();
  });

  it('disabling a user ends their sessions at once', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await findActiveSession(db, session.id)).toBeNull();
  });

  it('revoking other sessions keeps the current one', async () => {
    const user = await seedAdmin(db);
    const keep = await createSession(db, { userId: user.id, secondFactor: false });
    const other = await createSession(db, { userId: user.id, secondFactor: false });
    await revokeOtherSessions(db, user.id, keep.id);
    expect(await findActiveSession(db, keep.id)).not.toBeNull();
    expect(await findActiveSession(db, other.id)).toBeNull();
  });
});

describe('session lifetimes', () => {
  const T0 = new Date('2026-03-02T09:00:00Z');
  const after = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

  it('ends after 30 idle minutes by default, and each request keeps it alive', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: true, now: T0 });
    expect(await findActiveSession(db, session.id, after(29))).not.toBeNull();
    // The request at 29 minutes moved last-seen forward: 29 + 29 is still alive.
    expect(await findActiveSession(db, session.id, after(58))).not.toBeNull();
    expect(await findActiveSession(db, session.id, after(58 + 31))).toBeNull();
    expect(await whySessionEnded(db, session.id, after(58 + 31))).toBe('idle');
  });

  it('writes last-seen at most once a minute', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: true, now: T0 });
    await findActiveSession(db, session.id, new Date(T0.getTime() + 30_000));
    const [half] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(half.lastSeenAt).toEqual(T0);
    await findActiveSession(db, session.id, after(2));
    const [two] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(two.lastSeenAt).toEqual(after(2));
  });

  it('ends 12 hours after it began, however active', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: true, now: T0 });
    for (let minute = 20; minute < 12 * 60; minute += 20) {
      expect(await findActiveSession(db, session.id, after(minute))).not.toBeNull();
    }
    expect(await findActiveSession(db, session.id, after(12 * 60 + 1))).toBeNull();
    expect(await whySessionEnded(db, session.id, after(12 * 60 + 1))).toBe('expired');
  });

  it("follows the company's shorter settings, for sessions already open", async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: true, now: T0 });
    await db
      .update(companies)
      .set({ sessionIdleMinutes: 5, sessionLifetimeHours: 1 })
      .where(eq(companies.id, user.companyId));
    expect(await findActiveSession(db, session.id, after(4))).not.toBeNull();
    expect(await findActiveSession(db, session.id, after(10))).toBeNull();
    const other = await createSession(db, { userId: user.id, secondFactor: true, now: T0 });
    for (let minute = 4; minute < 60; minute += 4)
      expect(await findActiveSession(db, other.id, after(minute))).not.toBeNull();
    expect(await findActiveSession(db, other.id, after(61))).toBeNull();
  });

  it('says a revoked session was ended', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: true });
    await revokeSession(db, session.id);
    expect(await whySessionEnded(db, session.id)).toBe('ended');
  });
});
