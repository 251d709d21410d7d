/**
 * Opaque page cursors for /api/v1 lists: the sort key of the last row sent, as base64url JSON.
 * Keyset pagination (WHERE key > cursor) rather than an offset, so rows inserted or deleted while a
 * client pages through never make it see a row twice or miss one that existed when it began.
 */

/** The cursor after a row whose sort key is `key`. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The sort key inside a cursor this API issued, checked against `shape` (one check per position);
 * null for anything else, which the caller answers with a field error rather than a 500.
 */
export function decodeCursor<K extends readonly (string | number)[]>(
  cursor: string,
  shape: { [I in keyof K]: (value: unknown) => value is K[I] },
): K | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(key) || key.length !== shape.length) return null;
  return shape.every((check, i) => check(key[i])) ? (key as unknown as K) : null;
}

export const BAD_CURSOR = 'This cursor was not issued by this API. Start again without one.';
