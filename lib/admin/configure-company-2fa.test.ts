import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies } from '../db/schema';
import { decrypt } from '../crypto/encryption';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { configureCompanyTwoFactor, type CompanyTwoFactorInput } from './configure-company-2fa';
import { duoSecretContext } from '../duo/company-client';

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
      ...over,
    });
  const company = async () => (await db.select().from(companies).where(eq(companies.id, admin.companyId)))[0];
  return { admin, save, company };
}

describe('configureCompanyTwoFactor', () => {
  it('turns 2FA on and off (the admin confirmed it’s them before: requireRecentReauth), auditing each change', async () => {
    const { admin, save, company } = await setup();
    expect((await save({})).ok).toBe(true);
    expect(await company()).toMatchObject({ twoFactorRequired: true, allowTotp: true });
    expect((await save({ enabled: false })).ok).toBe(true);
    expect((await company()).twoFactorRequired).toBe(false);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.companyId, admin.companyId));
    expect(events.filter((e) => e.type === '2fa.company_policy_changed')).toHaveLength(2);
  });

  it('off and on again keeps the methods that were allowed', async () => {
    const { save, company } = await setup();
    await save({ allowTotp: true });
    // The dialog posts no method boxes while 2FA is unticked.
    await save({ enabled: false, allowTotp: false, allowDuo: false });
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
