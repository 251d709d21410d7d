/** The one answer for an unknown id and for a user of another company: they must look the same. */
export const USER_NOT_FOUND = 'No such user in your company.';

export type AdminResult<T = undefined> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
