import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { companies, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { fakeDuoSettings, withDuoFake } from '../../tests/duo-fake';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { checkUserDuoSetup, setUserDuoUsername, startUserDuoSetup } from './user-duo-setup';

let db: Db;
const duo = withDuoFake();
beforeAll(async () => {
  db = await createTestDatabase();
});

async function duoCompany() {
  const admin = await seedAdmin(db);
  await db
    .update(companies)
    .set({
      ...fakeDuoSettings(admin.companyId),
    })
    .where(eq(companies.id, admin.companyId));
  const member = await seedMember(db, admin.companyId);
  return { admin, member, input: { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id } };
}

describe('an admin’s Duo steps for a user', () => {
  it('sets a Duo username, and Duo Setup asks Duo about that name', async () => {
    const { member, input } = await duoCompany();
    expect(await setUserDuoUsername(db, { ...input, duoUsername: ` jdoe-${member.id} ` })).toEqual({
      ok: true,
      data: undefined,
    });
    await duo.current.script('users', { username: `jdoe-${member.id}`, status: 'auth' });
    expect(await startUserDuoSetup(db, input)).toMatchObject({ ok: true, data: { state: 'done' } });
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ duoUsername: `jdoe-${member.id}`, preferredMethod: 'duo' });
  });

  it('starts and follows an enrolment for the user beside them', async () => {
    const { member, input } = await duoCompany();
    expect(await startUserDuoSetup(db, input)).toMatchObject({ ok: true, data: { state: 'waiting' } });
    await duo.current.script('activate', { username: member.email });
    expect(await checkUserDuoSetup(db, input)).toEqual({ ok: true, data: { status: 'activated' } });
  });

  it('never reaches another company’s user, nor the admin’s own account', async () => {
    const a = await duoCompany();
    const b = await duoCompany();
    const across = { ...b.input, targetUserId: a.member.id };
    expect(await startUserDuoSetup(db, across)).toEqual({ ok: false, error: USER_NOT_FOUND });
    expect(await setUserDuoUsername(db, { ...across, duoUsername: 'x' })).toEqual({ ok: false, error: USER_NOT_FOUND });
    expect(await checkUserDuoSetup(db, across)).toMatchObject({ ok: false });
    expect((await db.select().from(users).where(eq(users.id, a.member.id)))[0].duoUsername).toBeNull();
    const self = { ...a.input, targetUserId: a.admin.id };
    expect(await startUserDuoSetup(db, self)).toEqual({ ok: false, error: SELF_SERVICE_ONLY });
  });
});
