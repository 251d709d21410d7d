'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { configureCompanyTwoFactor } from '@/lib/admin/configure-company-2fa';
import {
  companyTwoFactorSettings,
  describeCompanyStatus,
  type CompanyTwoFactorSettings,
} from '@/lib/admin/describe-company-policy';
import { setCompanySessionLimits } from '@/lib/admin/set-company-session-limits';
import { needsStepUp, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import {
  DUO_INPUT_MAX_LENGTH,
  DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH,
  ENFORCEMENT_DATE_INPUT_MAX_LENGTH,
} from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';

const checkbox = z.preprocess((v) => v === 'on', z.boolean());
const schema = z.object({
  enabled: checkbox,
  allowTotp: checkbox,
  allowDuo: checkbox,
  strongMethodsOnly: checkbox,
  startsAt: z.enum(['now', 'date']).optional(),
  startsOn: z.string().max(ENFORCEMENT_DATE_INPUT_MAX_LENGTH).default(''),
  allowPasskeys: checkbox,
  integrationKey: z.string().max(DUO_INTEGRATION_KEY_INPUT_MAX_LENGTH).default(''),
  secretKey: z.string().max(DUO_INPUT_MAX_LENGTH).default(''),
  apiHost: z.string().max(DUO_INPUT_MAX_LENGTH).default(''),
});

/** What the Company page shows after a save; `stepUpNext`: the admin's own session must now pass a second factor. */
export type CompanyTwoFactorSaved = { status: string; settings: CompanyTwoFactorSettings; stepUpNext: boolean };

/**
 * Saves the company's "2F Authentication" settings. The company is the admin's own, from the
 * session; turning 2FA off is the weakening this guards, so the action checks the recent
 * confirmation again (the page's is no proof by the time the form is sent).
 */
export async function saveCompanyTwoFactor(_prev: unknown, formData: FormData): Promise<Result<CompanyTwoFactorSaved>> {
  const current = await requireRecentReauth('/admin/company', 'company:write');
  const { user, company } = current;
  const text = (k: string) => String(formData.get(k) ?? '');
  const values = { integrationKey: text('integrationKey'), apiHost: text('apiHost'), startsOn: text('startsOn') };
  const raw = Object.fromEntries(
    [
      'enabled',
      'allowTotp',
      'allowDuo',
      'strongMethodsOnly',
      'allowPasskeys',
      'startsAt',
      'startsOn',
      'integrationKey',
      'secretKey',
      'apiHost',
    ].map((k) => [k, formData.get(k) ?? undefined]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ...fail('Some settings could not be read. Reload the page and try again.'), values };
  const {
    enabled,
    allowTotp,
    allowDuo,
    allowPasskeys,
    strongMethodsOnly,
    startsAt,
    startsOn,
    integrationKey,
    secretKey,
    apiHost,
  } = parsed.data;
  return runAction(async () => {
    const result = await configureCompanyTwoFactor(getDb(), {
      companyId: company.id,
      actorUserId: user.id,
      enabled,
      allowTotp,
      allowDuo,
      allowPasskeys,
      strongMethodsOnly,
      // No choice in the form (2FA already applies): keep it as it is.
      startsOn: startsAt === 'date' ? startsOn : startsAt === 'now' ? '' : undefined,
      duo: { integrationKey, secretKey, apiHost },
      ip: await clientIp(),
    });
    if (!result.ok) return { ...result, values };
    // A session that passed no second factor must pass one on its next page (the admin's own too):
    // refreshing this page now would send the admin there before they read the confirmation.
    const stepUpNext = needsStepUp({ ...current, company: result.data });
    if (!stepUpNext) revalidatePath('/admin/company');
    return ok({
      status: describeCompanyStatus(result.data),
      settings: companyTwoFactorSettings(result.data),
      stepUpNext,
    });
  }, values);
}

/** A whole number as typed in a form, or NaN: the lib says what is wrong with it (bounds included). */
const wholeNumber = (typed: string) => (/^\s*\d{1,6}\s*$/.test(typed) ? Number(typed) : NaN);
export type SessionLimitValues = { idleMinutes: string; lifetimeHours: string; trustedBrowserDays: string };

/** Saves how long the company's sessions last; lengthening them weakens sign-in, so it needs the confirmation. */
export async function saveSessionLimits(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, company } = await requireRecentReauth('/admin/company', 'company:write');
  const values: SessionLimitValues = {
    idleMinutes: String(formData.get('idleMinutes') ?? ''),
    lifetimeHours: String(formData.get('lifetimeHours') ?? ''),
    trustedBrowserDays: String(formData.get('trustedBrowserDays') ?? ''),
  };
  return runAction(async () => {
    const result = await setCompanySessionLimits(getDb(), {
      companyId: company.id,
      actorUserId: user.id,
      idleMinutes: wholeNumber(values.idleMinutes),
      lifetimeHours: wholeNumber(values.lifetimeHours),
      trustedBrowserDays: wholeNumber(values.trustedBrowserDays),
      ip: await clientIp(),
    });
    if (!result.ok) return { ...result, values };
    revalidatePath('/admin/company');
    return ok();
  }, values);
}
