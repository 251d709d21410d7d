import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fail, fieldErrorsFrom, ok } from './result';

describe('result helpers', () => {
  it('wraps data in a success and a message in a failure', () => {
    expect(ok()).toEqual({ ok: true, data: undefined });
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } });
    expect(fail('No.', { restart: true })).toEqual({ ok: false, error: 'No.', restart: true });
  });

  it('turns a zod error into the first message per field', () => {
    const schema = z.object({
      email: z.string().email('Enter an email address.').max(5, 'Too long.'),
      name: z.string().min(1, 'Enter a name.'),
      ok: z.string(),
    });
    const parsed = schema.safeParse({ email: 'not-an-address', name: '', ok: 'fine' });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsFrom(parsed.error!)).toEqual({ email: 'Enter an email address.', name: 'Enter a name.' });
  });

  it('says an over-long field in words, unless the schema chose its own', () => {
    const schema = z.object({ name: z.string().max(5), code: z.string().max(3, 'Codes are 3 characters.') });
    const parsed = schema.safeParse({ name: 'much too long', code: 'abcd' });
    expect(fieldErrorsFrom(parsed.error!)).toEqual({
      name: 'Use at most 5 characters.',
      code: 'Codes are 3 characters.',
    });
  });

  it('names no field for an error about the whole input', () => {
    const parsed = z.string().safeParse(42);
    expect(fieldErrorsFrom(parsed.error!)).toEqual({});
  });
});
