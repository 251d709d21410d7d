import { decrypt } from '../crypto/encryption';
import type { Company } from '../db/schema';
import { createDuoClient } from './client';
import { duoBaseUrl } from './config';
import type { DuoClient } from './types';

/** The encryption context of a company's Duo secret key: a blob copied to another company fails to open. */
export const duoSecretContext = (companyId: string) => `duo-skey:${companyId}`;

type DuoKeys = Pick<Company, 'id' | 'duoIntegrationKey' | 'duoSecretKeyEncrypted' | 'duoApiHost'>;

/**
 * The Duo client of a company, from its stored keys (the secret decrypted only here, in memory), or
 * null when the company has not configured Duo. Every caller (the Configure check, Duo Setup,
 * sign-in) builds it here, so DUO_BASE_URL and the keys are read one way.
 */
export function duoClientFor(company: DuoKeys): DuoClient | null {
  if (!company.duoIntegrationKey || !company.duoSecretKeyEncrypted || !company.duoApiHost) return null;
  return createDuoClient({
    ikey: company.duoIntegrationKey,
    skey: decrypt(company.duoSecretKeyEncrypted, duoSecretContext(company.id)),
    host: company.duoApiHost,
    baseUrl: duoBaseUrl(),
  });
}
