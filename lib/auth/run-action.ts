import { isDatabaseUnavailable, isUnstorableText } from '../db/errors';
import { DATABASE_DOWN_MESSAGE, type Result } from '../result';

const UNSTORABLE_TEXT_MESSAGE =
  'Something you typed contains a character Latchkey cannot store (such as a NUL byte). Remove it and try again. Nothing was changed.';

/**
 * Runs an action body and turns "the database is down" (and text the database cannot store, such as
 * a NUL byte) into a message the user can act on,
 * with the form's `values` so the page can keep them. Everything else (including Next's redirect signals) propagates unchanged.
 */
export async function runAction<T, V>(body: () => Promise<Result<T, V>>, values?: V): Promise<Result<T, V>> {
  try {
    return await body();
  } catch (error) {
    // Hand back what the user typed (never passwords or codes), so nothing is lost.
    if (isDatabaseUnavailable(error)) return { ok: false, error: DATABASE_DOWN_MESSAGE, values };
    if (isUnstorableText(error)) return { ok: false, error: UNSTORABLE_TEXT_MESSAGE, values };
    throw error;
  }
}
