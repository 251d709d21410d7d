import type { Company } from '../db/schema';

type Policy = Pick<Company, 'twoFactorRequired' | 'allowTotp' | 'allowDuo'>;

/** "every user must pass a second factor; methods: SMS/Email, authenticator app", for status lines and emails. */
export function describeCompanyPolicy(c: Policy): string {
  if (!c.twoFactorRequired) return 'off';
  return `every user must pass a second factor; methods: ${['SMS/Email', c.allowTotp && 'authenticator app', c.allowDuo && 'Duo'].filter(Boolean).join(', ')}`;
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
};

export function companyTwoFactorSettings(
  c: Policy & Pick<Company, 'duoIntegrationKey' | 'duoApiHost' | 'duoSecretKeyEncrypted'> & { allowPasskeys?: boolean },
): CompanyTwoFactorSettings {
  return {
    enabled: c.twoFactorRequired,
    allowTotp: c.allowTotp,
    allowDuo: c.allowDuo,
    allowPasskeys: c.allowPasskeys ?? true,
    integrationKey: c.duoIntegrationKey ?? '',
    apiHost: c.duoApiHost ?? '',
    hasSecretKey: Boolean(c.duoSecretKeyEncrypted),
  };
}
