'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { fail, ok, type Result } from '@/lib/result';
import { forgetTrustedBrowser } from '@/lib/sessions/trusted-browsers';

const GONE = 'That browser is no longer trusted.';

/** Forgets one of the user's trusted browsers (the pressed button's `trustedBrowserId`): its next sign-in asks the second factor. */
export async function forgetTrustedBrowserAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user } = await requireUser();
  const id = z.uuid().safeParse(formData.get('trustedBrowserId'));
  if (!id.success) return fail(GONE);
  return runAction(async () => {
    const forgotten = await forgetTrustedBrowser(getDb(), {
      userId: user.id,
      companyId: user.companyId,
      id: id.data,
      ip: await clientIp(),
    });
    if (!forgotten) return fail(GONE);
    revalidatePath('/account/security');
    return ok();
  });
}
