import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { endSessions } from './end-sessions';
import { listActiveSessions } from './list-sessions';
import { createSession, findActiveSession } from './sessions';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('a user’s own sessions', () => {
  it('lists them, ends one, and cannot end someone else’s', async () => {
    const user = await seedAdmin(db);
    const other = await seedAdmin(db);
    const current = await createSession(db, { userId: user.id, secondFactor: false });
    const laptop = await createSession(db, { userId: user.id, secondFactor: false });
    const foreign = await createSession(db, { userId: other.id, secondFactor: false });
    expect((await listActiveSessions(db, user.id)).map((s) => s.id).sort()).toEqual([current.id, laptop.id].sort());
    expect(await endSessions(db, { user, currentSessionId: current.id, sessionId: foreign.id })).toBe(0);
    expect(await findActiveSession(db, foreign.id)).not.toBeNull();
    expect(await endSessions(db, { user, currentSessionId: current.id, sessionId: laptop.id })).toBe(1);
    expect(await findActiveSession(db, laptop.id)).toBeNull();
  });

  it('“sign out all other sessions” keeps this one', async () => {
    const user = await seedAdmin(db);
    const current = await createSession(db, { userId: user.id, secondFactor: false });
    await createSession(db, { userId: user.id, secondFactor: false });
    await createSession(db, { userId: user.id, secondFactor: false });
    expect(await endSessions(db, { user, currentSessionId: current.id })).toBe(2);
    expect((await listActiveSessions(db, user.id)).map((s) => s.id)).toEqual([current.id]);
  });
});
