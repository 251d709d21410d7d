import type { Company } from '../db/schema';
import { enforcementDateRange, formatEnforcementDate, pendingEnforcementDate } from '../twofactor/enforcement';
import { typedDay } from '../twofactor/enforcement-date';

type Policy = Pick<Company, 'twoFactorRequired' | 'allowTotp' | 'allowDuo'> &
  Partial<Pick<Company, 'twoFactorEnforcedFrom' | 'strongMethodsOnly'>>;

/** "every user must pass a second factor; methods: SMS/Email, authenticator app", for status lines and emails. */
export function describeCompanyPolicy(c: Policy): string {
  if (!c.twoFactorRequired) return 'off';
  const pending = pendingEnforcementDate({
    twoFactorRequired: true,
    twoFactorEnforcedFrom: c.twoFactorEnforcedFrom ?? null,
  });
  const from = pending ? ` from ${formatEnforcementDate(pending)}` : '';
  const strong = c.strongMethodsOnly ? ' (strong methods only: no SMS/Email for users who have another method)' : '';
  return `every user must pass a second factor${from}; methods: ${['SMS/Email', c.allowTotp && 'authenticator app', c.allowDuo && 'Duo'].filter(Boolean).join(', ')}${strong}`;
}

/** The status line of Company › 2F Authentication. */
export function describeCompanyStatus(c: Policy): string {
  return c.twoFactorRequired
    ? `On: ${describeCompanyPolicy(c)}.`
    : 'Off: only users who set up an authenticator app themselves use a second factor.';
}

/** What the Configure dialog starts from: the saved settings, never the Duo secret key itself. */
export type CompanyTwoFactorSettings = {
  enabled: boolean;
  allowTotp: boolean;
  allowDuo: boolean;
  allowPasskeys: boolean;
  integrationKey: string;
  apiHost: string;
  hasSecretKey: boolean;
  strongMethodsOnly: boolean;
  /** The date still ahead ("2026-12-01"), or '' when 2FA is off or already applies. */
  startsOn: string;
  /** The date input's bounds: today to TWO_FACTOR_ENFORCEMENT_MAX_DAYS ahead. */
  dateRange: { min: string; max: string };
};

export function companyTwoFactorSettings(
  c: Policy & Pick<Company, 'duoIntegrationKey' | 'duoApiHost' | 'duoSecretKeyEncrypted'> & { allowPasskeys?: boolean },
): CompanyTwoFactorSettings {
  const pending = pendingEnforcementDate({
    twoFactorRequired: c.twoFactorRequired,
    twoFactorEnforcedFrom: c.twoFactorEnforcedFrom ?? null,
  });
  return {
    enabled: c.twoFactorRequired,
    allowTotp: c.allowTotp,
    allowDuo: c.allowDuo,
    allowPasskeys: c.allowPasskeys ?? true,
    integrationKey: c.duoIntegrationKey ?? '',
    apiHost: c.duoApiHost ?? '',
    hasSecretKey: Boolean(c.duoSecretKeyEncrypted),
    strongMethodsOnly: c.strongMethodsOnly ?? false,
    startsOn: pending ? typedDay(pending) : '',
    dateRange: enforcementDateRange(),
  };
}
