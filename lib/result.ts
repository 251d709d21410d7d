import type { z } from 'zod';
import { tooLong } from './field-messages';

/** Messages for form fields, by field name. */
export type FieldErrors = Record<string, string>;

/**
 * Why something did not happen, in words for the user. `fieldErrors` ties messages to form fields;
 * `restart` says the sign-in must begin again with the password; `values` (actions only) hands back
 * what the user typed, never a password or a code, so a failed submit loses nothing.
 */
export type Failure<V = Record<string, string>> = {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  restart?: boolean;
  /** A lockout or an overload: when trying again can work (the API sends it as Retry-After). */
  retryAfterSeconds?: number;
  values?: V;
};

/** The one result type of lib functions and server actions alike; both throw only for bugs. */
export type Result<T = undefined, V = Record<string, string>> = { ok: true; data: T } | Failure<V>;

export function ok(): { ok: true; data: undefined };
export function ok<T>(data: T): { ok: true; data: T };
export function ok<T>(data?: T) {
  return { ok: true as const, data };
}

export function fail(error: string, more: Omit<Failure, 'ok' | 'error' | 'values'> = {}): Failure<never> {
  return { ok: false, error, ...more };
}

/** The first message of each field a zod schema rejected, keyed by the field's name. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in errors)) errors[field] = messageOf(issue);
  }
  return errors;
}

/** zod's own words for an over-long string are for developers: say the cap the way users read it. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string' && /^Too big/.test(issue.message)) {
    return tooLong(Number(issue.maximum));
  }
  return issue.message;
}

export const DATABASE_DOWN_MESSAGE =
  "Latchkey can't reach its database right now, so nothing was changed. Please try again in a minute.";
