import { isDatabaseUnavailable } from '../db/errors';
import { DATABASE_DOWN_MESSAGE, type Result } from '../result';

/**
 * Runs an action body and turns "the database is down" into a message the user can act on,
 * with the form's `values` so the page can keep them. Everything else (including Next's redirect signals) propagates unchanged.
 */
export async function runAction<T, V>(body: () => Promise<Result<T, V>>, values?: V): Promise<Result<T, V>> {
  try {
    return await body();
  } catch (error) {
    // Hand back what the user typed (never passwords or codes), so nothing is lost.
    if (isDatabaseUnavailable(error)) return { ok: false, error: DATABASE_DOWN_MESSAGE, values };
    throw error;
  }
}
