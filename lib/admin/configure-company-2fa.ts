import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { companies, type Company } from '../db/schema';
import { recordAudit } from '../audit/record';
import { decrypt, encrypt } from '../crypto/encryption';
import { isDuoApiHost, normalizeDuoApiHost } from '../duo/api-host';
import { duoSecretContext } from '../duo/company-client';
import { notifyCompanyAdmins } from '../messaging/notify-company-admins';
import { fail, ok, type FieldErrors, type Result } from '../result';
import { checkDuoKeys } from './check-duo-keys';
import { describeCompanyPolicy } from './describe-company-policy';
import {
  formatEnforcementDate,
  parseEnforcementDate,
  pendingEnforcementDate,
  twoFactorEnforced,
} from '../twofactor/enforcement';

export type CompanyTwoFactorInput = {
  companyId: string;
  actorUserId: string;
  enabled: boolean;
  allowTotp: boolean;
  allowDuo: boolean;
  /** Users with an authenticator app or Duo are not offered SMS/email codes; omitted keeps the saved choice. */
  strongMethodsOnly?: boolean;
  /**
   * When turning 2FA on takes effect: a day ("2026-12-01", from its start in UTC) up to
   * TWO_FACTOR_ENFORCEMENT_MAX_DAYS ahead, or '' for at once; omitted keeps a date still ahead.
   */
  startsOn?: string;
  /** Passkeys and security keys; left out, the saved choice stays. */
  allowPasskeys?: boolean;
  duo: { integrationKey: string; secretKey: string; apiHost: string };
  ip?: string | null;
  /** Where Duo calls go instead of https://<API hostname> (tests); DUO_BASE_URL otherwise. */
  duoBaseUrl?: string;
};

/** Duo's published formats: a 20-character integration key, a 40-character secret (the host: isDuoApiHost). */
const DUO_IKEY = /^DI[A-Z0-9]{18}$/;
const DUO_SKEY = /^[A-Za-z0-9]{40}$/;

/**
 * The admin's "2F Authentication" switch. On, every user of the company must pass a second
 * factor (API accounts excepted); SMS/email is always allowed. Callers let only an admin who
 * confirmed it's them recently (requireRecentReauth) reach it. With Duo allowed, its three values are
 * checked with Duo (/auth/v2/check) first, outside any transaction; a refusal saves nothing. The
 * change and its audit row (never the secret) commit together; the company's admins are emailed.
 */
export async function configureCompanyTwoFactor(db: Db, input: CompanyTwoFactorInput): Promise<Result<Company>> {
  const [current] = await db.select().from(companies).where(eq(companies.id, input.companyId));
  if (!current) return fail('Company not found.');
  // Keyed by the dialog's fields: integrationKey, secretKey, apiHost.
  const fieldErrors: FieldErrors = {};
  const duo = {
    integrationKey: input.duo.integrationKey.trim(),
    secretKey: input.duo.secretKey.trim(),
    apiHost: normalizeDuoApiHost(input.duo.apiHost),
  };
  const keepSecret = duo.secretKey === '' && Boolean(current.duoSecretKeyEncrypted);
  if (input.enabled && input.allowDuo) {
    if (!DUO_IKEY.test(duo.integrationKey))
      fieldErrors.integrationKey =
        'An integration key is 20 characters and starts with DI (Duo Admin Panel › Applications).';
    if (!keepSecret && !DUO_SKEY.test(duo.secretKey))
      fieldErrors.secretKey = 'A secret key is 40 letters and digits; copy it again from the Duo Admin Panel.';
    if (!isDuoApiHost(duo.apiHost))
      fieldErrors.apiHost = 'The API hostname looks like api-1a2b3c4d.duosecurity.com (no https://, no path).';
  }
  if (Object.keys(fieldErrors).length > 0) return fail('Check the Duo settings.', { fieldErrors });
  const enforcedFrom = input.enabled ? startDate(current, input.startsOn) : ok(null);
  if (!enforcedFrom.ok) return fail(enforcedFrom.error, { fieldErrors: { startsOn: enforcedFrom.error } });
  if (input.enabled && input.allowDuo) {
    // A kept secret is checked too: a new key or host must work with the secret already stored.
    const secretKey = keepSecret
      ? decrypt(current.duoSecretKeyEncrypted!, duoSecretContext(current.id))
      : duo.secretKey;
    const checked = await checkDuoKeys({ ...duo, secretKey }, { baseUrl: input.duoBaseUrl });
    if (!checked.ok) return checked;
  }
  // Switching 2FA off hides the method choices: keep them as they were, so switching it back on
  // does not silently drop authenticator apps for the whole company.
  const allowTotp = input.enabled ? input.allowTotp : current.allowTotp;
  const allowDuo = input.enabled ? input.allowDuo : current.allowDuo;
  const allowPasskeys = input.enabled ? (input.allowPasskeys ?? current.allowPasskeys) : current.allowPasskeys;
  const changes = {
    twoFactorRequired: input.enabled,
    twoFactorEnforcedFrom: enforcedFrom.data,
    strongMethodsOnly: input.enabled
      ? (input.strongMethodsOnly ?? current.strongMethodsOnly)
      : current.strongMethodsOnly,
    allowTotp,
    allowDuo,
    allowPasskeys,
    ...(input.enabled && input.allowDuo
      ? {
          duoIntegrationKey: duo.integrationKey,
          duoApiHost: duo.apiHost,
          ...(keepSecret ? {} : { duoSecretKeyEncrypted: encrypt(duo.secretKey, duoSecretContext(input.companyId)) }),
        }
      : {}),
  };
  const company = await db.transaction(async (tx) => {
    const [updated] = await tx.update(companies).set(changes).where(eq(companies.id, input.companyId)).returning();
    await recordAudit(tx, {
      type: '2fa.company_policy_changed',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      detail: {
        before: summary(current),
        after: summary(updated),
        duoSecretKeyChanged: 'duoSecretKeyEncrypted' in changes,
      },
      ip: input.ip,
    });
    return updated;
  });
  await notifyCompanyAdmins(db, {
    permission: 'company:write',
    companyId: input.companyId,
    subject: company.twoFactorRequired
      ? 'Two-factor authentication is required in your company'
      : 'Company-wide two-factor authentication was turned off',
    paragraphs: [
      `An administrator changed the “2F Authentication” settings of ${company.name}. Now: ${describeCompanyPolicy(company)}.`,
      company.twoFactorEnforcedFrom && pendingEnforcementDate(company)
        ? `Nothing changes until ${formatEnforcementDate(company.twoFactorEnforcedFrom)}: users sign in as before and see a banner with the date. From then on every user must pass a second factor.`
        : company.twoFactorRequired
          ? 'Every user must pass a second factor at their next sign-in or page load; users without an authenticator app get a code by SMS or email.'
          : 'Users who set up an authenticator app themselves keep using it.',
    ],
  });
  return ok(company);
}

/** What Activity keeps of the settings: never the secret key, only whether one is stored. */
function summary(c: Company) {
  return {
    required: c.twoFactorRequired,
    totp: c.allowTotp,
    duo: c.allowDuo,
    passkeys: c.allowPasskeys,
    duoHost: c.duoApiHost,
    duoIntegrationKey: c.duoIntegrationKey,
    duoSecretKeySet: Boolean(c.duoSecretKeyEncrypted),
    enforcedFrom: c.twoFactorEnforcedFrom?.toISOString() ?? null,
    strongMethodsOnly: c.strongMethodsOnly,
  };
}

/**
 * When the switch applies. A requirement already in force cannot be postponed (that would let
 * users back in with the password alone): turn it off first. Omitted keeps a date still ahead.
 */
function startDate(current: Company, typed: string | undefined): Result<Date | null> {
  const pending = pendingEnforcementDate(current);
  if (typed === undefined) return ok(current.twoFactorRequired ? pending : null);
  const parsed = typed.trim() === '' ? ok(null) : parseEnforcementDate(typed);
  if (!parsed.ok) return parsed;
  if (parsed.data && twoFactorEnforced(current))
    return fail('Two-factor authentication already applies to everyone: it cannot start later. Turn it off first.');
  return parsed;
}
