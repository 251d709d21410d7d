'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { markApiAccount } from '@/lib/api-accounts/mark-api-account';
import { rotateApiPassword } from '@/lib/api-accounts/rotate-api-password';
import { setApiAllowList } from '@/lib/api-accounts/set-api-allow-list';
import { unmarkApiAccount } from '@/lib/api-accounts/unmark-api-account';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { SELF_SERVICE_ONLY } from '@/lib/admin/messages';
import { requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { API_ALLOW_LIST_INPUT_MAX_LENGTH, API_KEY_NAME_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';

type Values = Record<string, string>;
type Args = { companyId: string; actorUserId: string; targetUserId: string; ip: string };
const target = z.object({ userId: z.uuid() });
const INVALID = 'That request was not complete. Reload the page and try again.';

/**
 * Guard, parse, one lib call, refresh the page. Every step needs api-keys:manage; marking and
 * unmarking change who the user is, so they need users:write as well. Never the admin's own
 * account, and only in a session that confirmed its admin recently. `values` (never a password)
 * come back after a failure so a form posted without JavaScript keeps them.
 */
async function apiStep<S extends z.ZodType<{ userId: string }>, D>(
  formData: FormData,
  options: {
    schema: S;
    alsoNeeds?: 'users:write';
    values?: Values;
    /** A box the admin had to tick and did not: said only to someone allowed to do the step. */
    unconfirmed?: { field: string; message: string } | null;
  },
  call: (data: z.infer<S>, args: Args) => Promise<Result<D>>,
): Promise<Result<D>> {
  const { user, company } = await requirePermission('api-keys:manage');
  if (options.alsoNeeds) await requirePermission(options.alsoNeeds);
  const values = options.values ?? {};
  const { unconfirmed } = options;
  if (unconfirmed) return fail(unconfirmed.message, { fieldErrors: { [unconfirmed.field]: unconfirmed.message } });
  const parsed = options.schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    const message = Object.keys(fieldErrors).some((k) => k !== 'userId')
      ? 'Please correct the highlighted fields.'
      : INVALID;
    return { ...fail(message, { fieldErrors }), values };
  }
  const userId = parsed.data.userId;
  if (userId === user.id) return { ...fail(SELF_SERVICE_ONLY), values };
  // A page loaded in time proves nothing now: these steps hand out or change API credentials.
  await requireRecentReauth(`/admin/users/${userId}`, 'api-keys:manage');
  return runAction(async () => {
    const args = { companyId: company.id, actorUserId: user.id, targetUserId: userId, ip: await clientIp() };
    const result = await call(parsed.data, args);
    if (!result.ok) return { ...result, values };
    revalidatePath(`/admin/users/${userId}`);
    return result;
  }, values);
}

const markSchema = target.extend({
  choice: z.enum(['generate', 'set'], 'Choose how the password is made.'),
  password: z
    .string()
    .max(PASSWORD_INPUT_MAX_LENGTH, `Use at most ${PASSWORD_INPUT_MAX_LENGTH} characters.`)
    .optional(),
});

/** "Mark as API Account": the generated password comes back in this answer only. */
export async function markApiAccountAction(_prev: unknown, formData: FormData) {
  return apiStep(
    formData,
    { schema: markSchema, alsoNeeds: 'users:write', values: { choice: String(formData.get('choice') ?? '') } },
    (data, args) =>
      markApiAccount(getDb(), { ...args, generate: data.choice === 'generate', password: data.password ?? '' }),
  );
}

export async function unmarkApiAccountAction(_prev: unknown, formData: FormData) {
  const unconfirmed =
    formData.get('confirmed') === 'on'
      ? null
      : { field: 'confirmed', message: 'Tick the box to confirm: every API key of this account stops working.' };
  return apiStep(formData, { schema: target, alsoNeeds: 'users:write', unconfirmed }, (_, args) =>
    unmarkApiAccount(getDb(), args),
  );
}

/** "Rotate password": the new password comes back in this answer only. */
export async function rotateApiPasswordAction(_prev: unknown, formData: FormData) {
  const unconfirmed =
    formData.get('confirmed') === 'on'
      ? null
      : { field: 'confirmed', message: 'Tick the box to confirm: the current password stops working at once.' };
  return apiStep(formData, { schema: target, unconfirmed }, (_, args) => rotateApiPassword(getDb(), args));
}

export async function setAllowListAction(_prev: unknown, formData: FormData) {
  const allowList = String(formData.get('allowList') ?? '');
  const schema = target.extend({
    allowList: z
      .string()
      .max(API_ALLOW_LIST_INPUT_MAX_LENGTH, `Use at most ${API_ALLOW_LIST_INPUT_MAX_LENGTH} characters.`),
  });
  return apiStep(formData, { schema, values: { allowList } }, (data, args) =>
    setApiAllowList(getDb(), { ...args, allowList: data.allowList }),
  );
}

const keySchema = target.extend({
  name: z.string().trim().max(API_KEY_NAME_MAX_LENGTH, `Use at most ${API_KEY_NAME_MAX_LENGTH} characters.`),
  expiresOn: z.union([z.literal(''), z.iso.date('Enter a date, or leave it empty.')]),
});

/** "Create API key": the token comes back in this answer only (with its name, for the note beside it). */
export async function createApiKeyAction(_prev: unknown, formData: FormData) {
  const values = { name: String(formData.get('name') ?? ''), expiresOn: String(formData.get('expiresOn') ?? '') };
  return apiStep(formData, { schema: keySchema, values }, async (data, args) => {
    // The key stops working when that day begins (UTC), as the form says.
    const expiresAt = data.expiresOn ? new Date(`${data.expiresOn}T00:00:00.000Z`) : null;
    const created = await createApiKey(getDb(), { ...args, name: data.name, expiresAt });
    return created.ok ? ok({ token: created.data.token, name: created.data.key.name }) : created;
  });
}

export async function revokeApiKeyAction(_prev: unknown, formData: FormData) {
  const keyId = String(formData.get('keyId') ?? '');
  const unconfirmed = formData.getAll('confirmRevoke').includes(keyId)
    ? null
    : { field: `confirm-${keyId}`, message: 'Tick the box beside the key to confirm: whatever uses it stops working.' };
  const schema = target.extend({ keyId: z.uuid() });
  return apiStep(formData, { schema, unconfirmed }, async (data, args) => {
    const revoked = await revokeApiKey(getDb(), { ...args, keyId: data.keyId });
    return revoked.ok
      ? ok(revoked.data.alreadyRevoked ? 'The key was already revoked.' : 'The key was revoked.')
      : revoked;
  });
}
