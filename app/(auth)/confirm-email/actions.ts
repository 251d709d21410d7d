'use server';

import { z } from 'zod';
import { confirmEmailChange, EMAIL_CHANGE_LINK_PROBLEM } from '@/lib/admin/confirm-email-change';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { LINK_TOKEN_MAX_LENGTH, LINK_TOKEN_MIN_LENGTH } from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';

const token = z
  .string()
  .min(LINK_TOKEN_MIN_LENGTH)
  .max(LINK_TOKEN_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The POST behind the emailed link that confirms a new address: fetching the link changes nothing. */
export async function confirmEmailChangeAction(linkToken: string): Promise<Result> {
  const parsed = token.safeParse(linkToken);
  if (!parsed.success) return fail(EMAIL_CHANGE_LINK_PROBLEM);
  return runAction(async () => {
    const result = await confirmEmailChange(getDb(), { token: parsed.data, ip: await clientIp() });
    return result.ok ? ok() : result;
  });
}
