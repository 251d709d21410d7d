import { createDuoClient } from '../duo/client';
import { duoBaseUrl } from '../duo/config';
import type { DuoFailure } from '../duo/types';
import { fail, ok, type FieldErrors, type Result } from '../result';

export type DuoKeys = { integrationKey: string; secretKey: string; apiHost: string };

/**
 * Asks Duo's /auth/v2/check whether the three values work together (keys, host and our clock), before
 * anything is saved. Called outside any transaction: a slow Duo must not hold a database connection.
 * A refusal is tied to the field the admin should fix; the secret never appears in any message.
 */
export async function checkDuoKeys(keys: DuoKeys, options: { baseUrl?: string } = {}): Promise<Result> {
  const client = createDuoClient({
    ikey: keys.integrationKey,
    skey: keys.secretKey,
    host: keys.apiHost,
    baseUrl: options.baseUrl ?? duoBaseUrl(),
  });
  const checked = await client.check();
  if (checked.ok) return ok();
  const field = fieldOf(checked);
  const fieldErrors: FieldErrors = field ? { [field]: checked.error } : {};
  return fail(`Nothing was saved. ${checked.error}`, { fieldErrors });
}

/** Which of the dialog's fields the admin should look at first, from what Duo (or the network) said. */
function fieldOf({ duo }: DuoFailure): keyof DuoKeys | null {
  switch (duo.kind) {
    case 'credentials':
      return duo.code === 40102 || duo.code === 40101 ? 'integrationKey' : 'secretKey';
    case 'forbidden':
      return 'integrationKey';
    case 'unreachable':
    case 'timeout':
    case 'bad-response':
      return 'apiHost';
    default:
      // A skewed clock, Duo's own trouble or its rate limit: nothing in the form is wrong.
      return null;
  }
}
