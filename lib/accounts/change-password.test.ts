import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { createSession, findActiveSession } from '../sessions/sessions';
import { changePassword } from './change-password';
import { checkPassword } from '../sign-in/check-password';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
const NEW = 'violet harbour compass 1987 kettle';

describe('changePassword', () => {
  it('needs the current password and a strong new one, and changes nothing otherwise', async () => {
    const user = await seedAdmin(db);
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    expect(
      await changePassword(db, { user, sessionId: session.id, currentPassword: 'wrong', newPassword: NEW }),
    ).toMatchObject({ ok: false, fieldErrors: { currentPassword: expect.any(String) } });
    expect(
      await changePassword(db, {
        user,
        sessionId: session.id,
        currentPassword: STRONG_PASSWORD,
        newPassword: 'password1234',
      }),
    ).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.any(String) } });
    expect((await checkPassword(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '10.8.0.1' })).ok).toBe(
      true,
    );
  });

  it('switches to the new password and signs out the other sessions', async () => {
    const user = await seedAdmin(db);
    const current = await createSession(db, { userId: user.id, secondFactor: false });
    const other = await createSession(db, { userId: user.id, secondFactor: false });
    expect(
      await changePassword(db, { user, sessionId: current.id, currentPassword: STRONG_PASSWORD, newPassword: NEW }),
    ).toEqual({ ok: true, data: undefined });
    expect((await checkPassword(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '10.8.0.2' })).ok).toBe(
      false,
    );
    expect((await checkPassword(db, { identifier: user.email, password: NEW, ip: '10.8.0.2' })).ok).toBe(true);
    expect(await findActiveSession(db, other.id)).toBeNull();
    expect(await findActiveSession(db, current.id)).not.toBeNull();
  });
});
