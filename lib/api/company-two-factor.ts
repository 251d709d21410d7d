import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { companies, type Company } from '../db/schema';
import { configureCompanyTwoFactor } from '../admin/configure-company-2fa';
import { describeCompanyStatus } from '../admin/describe-company-policy';
import { fail, ok, type Result } from '../result';
import type { z } from 'zod';
import type { companyTwoFactorSchema, putCompanyTwoFactorBody } from './schemas';

type CompanyTwoFactor = z.infer<typeof companyTwoFactorSchema>;

/** The settings as GET and PUT /company/two-factor show them: whether a Duo secret key is stored, never the key. */
function view(company: Company): CompanyTwoFactor {
  return {
    enabled: company.twoFactorRequired,
    allowTotp: company.allowTotp,
    allowDuo: company.allowDuo,
    duo: {
      integrationKey: company.duoIntegrationKey,
      apiHost: company.duoApiHost,
      secretKeySet: Boolean(company.duoSecretKeyEncrypted),
    },
    summary: describeCompanyStatus(company),
  };
}

/** GET /api/v1/company/two-factor: the caller's own company. */
export async function getCompanyTwoFactor(db: DbOrTx, companyId: string): Promise<CompanyTwoFactor> {
  const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
  return view(company);
}

/**
 * PUT /api/v1/company/two-factor: configureCompanyTwoFactor, the Configure dialog's own function
 * (Duo's keys checked with Duo before anything is saved, the change and its audit row together, the
 * company's admins emailed). A Duo value left out keeps the saved one, as the dialog keeps a secret
 * key left blank; the dialog's field names become `duo.integrationKey`, `duo.secretKey`, `duo.apiHost`.
 */
export async function putCompanyTwoFactor(
  db: Db,
  input: { companyId: string; actorUserId: string; settings: z.infer<typeof putCompanyTwoFactorBody>; ip: string },
): Promise<Result<CompanyTwoFactor>> {
  const [current] = await db.select().from(companies).where(eq(companies.id, input.companyId));
  if (!current) return fail('Company not found.');
  const { duo = {}, ...switches } = input.settings;
  const saved = await configureCompanyTwoFactor(db, {
    companyId: input.companyId,
    actorUserId: input.actorUserId,
    ...switches,
    duo: {
      integrationKey: duo.integrationKey ?? current.duoIntegrationKey ?? '',
      secretKey: duo.secretKey ?? '',
      apiHost: duo.apiHost ?? current.duoApiHost ?? '',
    },
    ip: input.ip,
  });
  if (!saved.ok) {
    const fields = Object.entries(saved.fieldErrors ?? {}).map(([key, message]) => [`duo.${key}`, message]);
    return { ...saved, fieldErrors: Object.fromEntries(fields) };
  }
  return ok(view(saved.data));
}
