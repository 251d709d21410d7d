import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { companies, users } from '../db/schema';
import { encrypt } from '../crypto/encryption';
import { duoSecretContext } from '../duo/company-client';
import { createTestDatabase } from '../../tests/db';
import { FAKE_DUO, startDuoFake } from '../../tests/duo-fake';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { checkUserDuoSetup, setUserDuoUsername, startUserDuoSetup } from './user-duo-setup';

let db: Db;
let duo: Awaited<ReturnType<typeof startDuoFake>>;
beforeAll(async () => {
  db = await createTestDatabase();
  duo = await startDuoFake();
  process.env.DUO_BASE_URL = duo.url;
});
afterAll(async () => {
  delete process.env.DUO_BASE_URL;
  await duo.close();
});

async function duoCompany() {
  const admin = await seedAdmin(db);
  await db
    .update(companies)
    .set({
      allowDuo: true,
      duoIntegrationKey: FAKE_DUO.ikey,
      duoApiHost: FAKE_DUO.host,
      duoSecretKeyEncrypted: encrypt(FAKE_DUO.skey, duoSecretContext(admin.companyId)),
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
    await duo.script('users', { username: `jdoe-${member.id}`, status: 'auth' });
    expect(await startUserDuoSetup(db, input)).toMatchObject({ ok: true, data: { state: 'done' } });
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ duoUsername: `jdoe-${member.id}`, preferredMethod: 'duo' });
  });

  it('starts and follows an enrolment for the user beside them', async () => {
    const { member, input } = await duoCompany();
    expect(await startUserDuoSetup(db, input)).toMatchObject({ ok: true, data: { state: 'waiting' } });
    await duo.script('activate', { username: member.email });
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
