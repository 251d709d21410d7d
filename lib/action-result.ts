// Transitional: every caller moves to lib/result.ts, then this file goes.
export type { Result as ActionResult } from './result';
export { DATABASE_DOWN_MESSAGE } from './result';
