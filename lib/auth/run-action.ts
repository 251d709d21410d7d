import { isDatabaseUnavailable } from '../db/errors';
import { DATABASE_DOWN_MESSAGE, type ActionResult } from '../action-result';

/**
 * Runs an action body and turns "the database is down" into a message the user can act on.
 * Everything else (including Next's redirect signals) propagates unchanged.
 */
export async function runAction<T, V>(body: () => Promise<ActionResult<T, V>>): Promise<ActionResult<T, V>> {
  try {
    return await body();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: false, error: DATABASE_DOWN_MESSAGE };
    throw error;
  }
}
