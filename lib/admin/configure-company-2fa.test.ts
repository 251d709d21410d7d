import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies } from '../db/schema';
import { decrypt } from '../crypto/encryption';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin } from '../../tests/fixtures';
import { configureCompanyTwoFactor, type CompanyTwoFactorInput } from './configure-company-2fa';
import { duoSecretContext } from '../duo/company-client';
import { closedPort, FAKE_DUO, startDuoFake } from '../../tests/duo-fake';

let db: Db;
let duo: Awaited<ReturnType<typeof startDuoFake>>;
beforeAll(async () => {
  db = await createTestDatabase();
  duo = await startDuoFake();
});
afterAll(() => duo.close());

const NO_DUO = { integrationKey: '', secretKey: '', apiHost: '' };
/** The fake's one integration: /auth/v2/check accepts exactly these. */
const DUO = { integrationKey: FAKE_DUO.ikey, secretKey: FAKE_DUO.skey, apiHost: FAKE_DUO.host };

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
      duoBaseUrl: duo.url,
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

describe('configureCompanyTwoFactor asks Duo before saving', () => {
  const saved = async (company: () => Promise<typeof companies.$inferSelect>) => {
    const c = await company();
    return { ikey: c.duoIntegrationKey, host: c.duoApiHost, secret: c.duoSecretKeyEncrypted, duo: c.allowDuo };
  };

  it.each([
    ['an unknown integration key', { integrationKey: 'DIWJ8X6AEYOR5OMC6TQ1' }, 'integrationKey', /does not recognise/],
    ['a wrong secret key', { secretKey: 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep' }, 'secretKey', /Secret Key/],
    ['another API hostname (it is signed)', { apiHost: 'api-0ther000.duosecurity.com' }, 'secretKey', /signature/],
  ])('refuses %s, tied to the field, and saves nothing', async (_name, change, field, words) => {
    const { save, company, admin } = await setup();
    expect((await save({ allowDuo: true, duo: DUO })).ok).toBe(true);
    const before = await saved(company);
    const refused = await save({ allowDuo: true, duo: { ...DUO, ...change } });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { [field]: expect.stringMatching(words) } });
    expect(refused.ok ? '' : refused.error).toMatch(/Nothing was saved/);
    expect(JSON.stringify(refused)).not.toContain(DUO.secretKey);
    expect(await saved(company)).toEqual(before);
    const events = (await db.select().from(auditEvents).where(eq(auditEvents.companyId, admin.companyId))).filter(
      (e) => e.type === '2fa.company_policy_changed',
    );
    expect(events).toHaveLength(1);
  });

  it('refuses an unreachable host on the hostname field, and a host that is not Duo’s before calling', async () => {
    const { save, company } = await setup();
    const down = await save({ allowDuo: true, duo: DUO, duoBaseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(down).toMatchObject({ ok: false, fieldErrors: { apiHost: expect.stringMatching(/could not reach/) } });
    const odd = await save({ allowDuo: true, duo: { ...DUO, apiHost: 'https://api-1a2b3c4d.duosecurity.com/' } });
    expect(odd).toMatchObject({ ok: false, fieldErrors: { apiHost: expect.any(String) } });
    expect((await company()).twoFactorRequired).toBe(false);
  });

  it('says when this server’s clock is off, with no field to blame', async () => {
    const skewed = await startDuoFake({ now: () => Date.now() + 20 * 60_000 });
    try {
      const { save } = await setup();
      const refused = await save({ allowDuo: true, duo: DUO, duoBaseUrl: skewed.url });
      expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/clock/) });
      expect(refused.ok || Object.keys(refused.fieldErrors ?? {})).toEqual([]);
    } finally {
      await skewed.close();
    }
  });

  it('checks a kept secret with the new values, and audits the save without the secret', async () => {
    const { save, admin } = await setup();
    expect((await save({ allowDuo: true, duo: DUO })).ok).toBe(true);
    // Left empty: the stored secret is used for the check.
    expect((await save({ allowDuo: true, duo: { ...DUO, secretKey: '' } })).ok).toBe(true);
    expect(
      await save({ allowDuo: true, duo: { ...DUO, secretKey: '', integrationKey: 'DIWJ8X6AEYOR5OMC6TQ1' } }),
    ).toMatchObject({ ok: false, fieldErrors: { integrationKey: expect.any(String) } });
    const events = (await db.select().from(auditEvents).where(eq(auditEvents.companyId, admin.companyId))).filter(
      (e) => e.type === '2fa.company_policy_changed',
    );
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(DUO.secretKey);
    expect(events[0].detail).toMatchObject({ after: { duoIntegrationKey: DUO.integrationKey, duoSecretKeySet: true } });
  });
});
