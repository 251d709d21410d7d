'use server';

import { z } from 'zod';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { cancelRecovery } from '@/lib/recovery/cancel-recovery';
import { confirmRecoveryEmail } from '@/lib/recovery/confirm-recovery-email';
import { RECOVERY_LINK_MESSAGES } from '@/lib/recovery/describe-recovery-link';
import { LINK_TOKEN_MAX_LENGTH, LINK_TOKEN_MIN_LENGTH } from '@/lib/limits';
import { fail, type Result } from '@/lib/result';

/** Tokens are 43 base64url characters; anything else cannot match and is refused early. */
const token = z
  .string()
  .min(LINK_TOKEN_MIN_LENGTH)
  .max(LINK_TOKEN_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The POST behind the emailed confirm link: fetching the link alone changes nothing. */
export async function confirmRecoveryAction(linkToken: string): Promise<Result> {
  const parsed = token.safeParse(linkToken);
  if (!parsed.success) return fail(RECOVERY_LINK_MESSAGES.unknown);
  return runAction(async () => confirmRecoveryEmail(getDb(), { token: parsed.data, ip: await clientIp() }));
}

/** The POST behind the emailed cancel link. */
export async function cancelRecoveryAction(linkToken: string): Promise<Result> {
  const parsed = token.safeParse(linkToken);
  if (!parsed.success) return fail(RECOVERY_LINK_MESSAGES.unknown);
  return runAction(async () => cancelRecovery(getDb(), { token: parsed.data, ip: await clientIp() }));
}
