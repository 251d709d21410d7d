import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { createSession, findActiveSession, revokeOtherSessions, revokeSession } from './sessions';

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
