/** What every server action returns; actions throw only for bugs. */
export type ActionResult<T = undefined, V = Record<string, string>> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: V };

export const DATABASE_DOWN_MESSAGE =
  "Latchkey can't reach its database right now, so nothing was changed. Please try again in a minute.";
