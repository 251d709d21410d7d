import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies } from '../db/schema';
import { decrypt } from '../crypto/encryption';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { configureCompanyTwoFactor, duoSecretContext, type CompanyTwoFactorInput } from './configure-company-2fa';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const NO_DUO = { integrationKey: '', secretKey: '', apiHost: '' };
const DUO = {
  integrationKey: 'DIWJ8X6AEYOR5OMC6TQ1',
  secretKey: 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep',
  apiHost: 'api-1a2b3c4d.duosecurity.com',
};

async function setup() {
  const admin = await seedAdmin(db);
  const save = (over: Partial<CompanyTwoFactorInput>) =>
    configureCompanyTwoFactor(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      enabled: true,
      allowTotp: true,
      allowDuo: false,
      duo: NO_DUO,
      password: '',
      ...over,
    });
  const company = async () => (await db.select().from(companies).where(eq(companies.id, admin.companyId)))[0];
  return { admin, save, company };
}

describe('configureCompanyTwoFactor', () => {
  it('turns 2FA on, audits the change, and turning it off needs the password', async () => {
    const { admin, save, company } = await setup();
    expect((await save({})).ok).toBe(true);
    expect(await company()).toMatchObject({ twoFactorRequired: true, allowTotp: true });
    expect(await save({ enabled: false, password: '' })).toMatchObject({
      ok: false,
      fieldErrors: { password: 'Enter your password.' },
    });
    expect(await save({ enabled: false, password: 'wrong password' })).toMatchObject({ ok: false });
    expect((await company()).twoFactorRequired).toBe(true);
    expect((await save({ enabled: false, password: STRONG_PASSWORD })).ok).toBe(true);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.companyId, admin.companyId));
    expect(events.filter((e) => e.type === '2fa.company_policy_changed')).toHaveLength(2);
  });

  it('off and on again keeps the methods that were allowed', async () => {
    const { save, company } = await setup();
    await save({ allowTotp: true });
    // The dialog posts no method boxes while 2FA is unticked.
    await save({ enabled: false, allowTotp: false, allowDuo: false, password: STRONG_PASSWORD });
    expect((await company()).allowTotp).toBe(true);
  });

  it('checks Duo keys, stores the secret encrypted, and keeps it when left empty', async () => {
    const { admin, save, company } = await setup();
    expect(await save({ allowDuo: true, duo: { ...DUO, integrationKey: 'nope' } })).toMatchObject({
      ok: false,
      fieldErrors: { integrationKey: expect.any(String) },
    });
    expect((await save({ allowDuo: true, duo: DUO })).ok).toBe(true);
    const stored = await company();
    expect(stored.duoSecretKeyEncrypted).not.toContain(DUO.secretKey);
    expect(decrypt(stored.duoSecretKeyEncrypted!, duoSecretContext(admin.companyId))).toBe(DUO.secretKey);
    expect((await save({ allowDuo: true, duo: { ...DUO, secretKey: '' } })).ok).toBe(true);
    expect((await company()).duoSecretKeyEncrypted).toBe(stored.duoSecretKeyEncrypted);
  });
});
