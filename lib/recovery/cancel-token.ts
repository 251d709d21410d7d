import { createHmac } from 'node:crypto';
import { appKeys, deriveKey } from '../crypto/keys';

/**
 * The cancel link's token for one request, derived from the app key rather than stored, so every
 * email about the request (started, sent to admins) can carry a working cancel link while the
 * database holds only its SHA-256. A key rotation invalidates open cancel links; admins can still
 * decline by not approving, and requests expire on their own.
 */
export function recoveryCancelToken(requestId: string): string {
  const [current] = appKeys();
  return createHmac('sha256', deriveKey(current, 'recovery-cancel')).update(requestId).digest('base64url');
}
