'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { cancelRecovery } from '@/lib/recovery/cancel-recovery';
import { confirmRecoveryEmail } from '@/lib/recovery/confirm-recovery-email';
import { RECOVERY_LINK_MESSAGES } from '@/lib/recovery/describe-recovery-link';

/** Tokens are 43 base64url characters; anything else cannot match and is refused early. */
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** The POST behind the emailed confirm link: fetching the link alone changes nothing. */
export async function confirmRecoveryAction(linkToken: string): Promise<ActionResult> {
  const parsed = token.safeParse(linkToken);
  if (!parsed.success) return { ok: false, error: RECOVERY_LINK_MESSAGES.unknown };
  return runAction(async () => {
    const result = await confirmRecoveryEmail(getDb(), { token: parsed.data, ip: await clientIp() });
    return result.ok ? { ok: true, data: undefined } : result;
  });
}

/** The POST behind the emailed cancel link. */
export async function cancelRecoveryAction(linkToken: string): Promise<ActionResult> {
  const parsed = token.safeParse(linkToken);
  if (!parsed.success) return { ok: false, error: RECOVERY_LINK_MESSAGES.unknown };
  return runAction(async () => {
    const result = await cancelRecovery(getDb(), { token: parsed.data, ip: await clientIp() });
    return result.ok ? { ok: true, data: undefined } : result;
  });
}
