'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { configureCompanyTwoFactor } from '@/lib/admin/configure-company-2fa';
import { requireCompanyAdmin } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { DUO_INPUT_MAX_LENGTH, DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';

const checkbox = z.preprocess((v) => v === 'on', z.boolean());
const schema = z.object({
  enabled: checkbox,
  allowTotp: checkbox,
  allowDuo: checkbox,
  integrationKey: z.string().max(DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH).default(''),
  secretKey: z.string().max(DUO_INPUT_MAX_LENGTH).default(''),
  apiHost: z.string().max(DUO_INPUT_MAX_LENGTH).default(''),
  password: z.string().max(PASSWORD_INPUT_MAX_LENGTH).default(''),
});

/** Saves the company's "2F Authentication" settings. The company is the admin's own, from the session. */
export async function saveCompanyTwoFactor(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, company } = await requireCompanyAdmin();
  const raw = Object.fromEntries(
    ['enabled', 'allowTotp', 'allowDuo', 'integrationKey', 'secretKey', 'apiHost', 'password'].map((k) => [
      k,
      formData.get(k) ?? undefined,
    ]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return fail('Some settings could not be read. Reload the page and try again.');
  const { enabled, allowTotp, allowDuo, integrationKey, secretKey, apiHost, password } = parsed.data;
  return runAction(async () => {
    const result = await configureCompanyTwoFactor(getDb(), {
      companyId: company.id,
      actorUserId: user.id,
      enabled,
      allowTotp,
      allowDuo,
      duo: { integrationKey, secretKey, apiHost },
      password,
      ip: await clientIp(),
    });
    if (!result.ok) return result;
    revalidatePath('/admin/company');
    return ok();
  });
}
