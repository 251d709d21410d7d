import { encrypt } from '../../lib/crypto/encryption';
import { duoSecretContext } from '../../lib/duo/company-client';
import { FAKE_DUO } from '../config';

/** The company columns a saved Configure dialog leaves for the fake's integration (secret encrypted as the app does). */
export function fakeDuoSettings(companyId: string) {
  return {
    allowDuo: true,
    duoIntegrationKey: FAKE_DUO.ikey,
    duoApiHost: FAKE_DUO.host,
    duoSecretKeyEncrypted: encrypt(FAKE_DUO.skey, duoSecretContext(companyId)),
  };
}
