import type { Company } from '../db/schema';

/** "every user must pass a second factor; methods: SMS/Email, TOTP", for status lines and emails. */
export function describeCompanyPolicy(c: Pick<Company, 'twoFactorRequired' | 'allowTotp' | 'allowDuo'>): string {
  if (!c.twoFactorRequired) return 'off';
  return `every user must pass a second factor; methods: ${['SMS/Email', c.allowTotp && 'TOTP', c.allowDuo && 'Duo'].filter(Boolean).join(', ')}`;
}
