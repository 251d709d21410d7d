'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { tooLong } from '@/lib/field-messages';
import { ROLE_NAME_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';
import { createRole } from '@/lib/roles/create-role';
import { deleteRole } from '@/lib/roles/delete-role';
import { PERMISSIONS } from '@/lib/roles/permissions';
import { updateRole, type RoleUpdate } from '@/lib/roles/update-role';

const ROLES = '/admin/company/roles';
const roleSchema = z.object({
  name: z.string().trim().max(ROLE_NAME_MAX_LENGTH, tooLong(ROLE_NAME_MAX_LENGTH)),
  // Each string is checked against the known permissions in lib; this only bounds the input.
  permissions: z.array(z.string().max(64)).max(PERMISSIONS.length * 2),
});
const roleId = z.uuid();

/** What the form sent, handed back after a failure: the name, and the ticked permissions (space-separated). */
export type RoleValues = { name: string; permissions: string };

function read(formData: FormData) {
  const permissions = formData.getAll('permissions').map(String);
  const values: RoleValues = { name: String(formData.get('name') ?? ''), permissions: permissions.join(' ') };
  return { values, parsed: roleSchema.safeParse({ name: values.name, permissions }) };
}

const INVALID = 'Please correct the highlighted fields.';

/** Company › Roles › New role. */
export async function createRoleAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, company } = await requireRecentReauth(`${ROLES}/new`, 'company:write');
  const { values, parsed } = read(formData);
  if (!parsed.success) return { ...fail(INVALID, { fieldErrors: fieldErrorsFrom(parsed.error) }), values };
  const result = await runAction(async () => {
    const created = await createRole(getDb(), {
      ...parsed.data,
      companyId: company.id,
      actorUserId: user.id,
      ip: await clientIp(),
    });
    return created.ok ? ok() : { ...created, values };
  }, values);
  if (!result.ok) return result;
  revalidatePath(ROLES);
  redirect(`${ROLES}?notice=created`);
}

/** A custom role's name and permissions; its holders have the new ones from their next request. */
export async function updateRoleAction(_prev: unknown, formData: FormData): Promise<Result<RoleUpdate>> {
  await requirePermission('company:write');
  const id = roleId.safeParse(formData.get('roleId'));
  if (!id.success) return fail('That request was not complete. Reload the page and try again.');
  const { user, company } = await requireRecentReauth(`${ROLES}/${id.data}`, 'company:write');
  const { values, parsed } = read(formData);
  if (!parsed.success) return { ...fail(INVALID, { fieldErrors: fieldErrorsFrom(parsed.error) }), values };
  return runAction(async () => {
    const result = await updateRole(getDb(), {
      ...parsed.data,
      roleId: id.data,
      companyId: company.id,
      actorUserId: user.id,
      ip: await clientIp(),
    });
    if (!result.ok) return { ...result, values };
    revalidatePath(ROLES, 'layout');
    return result;
  }, values);
}

const CONFIRM_FIRST = 'Tick the box to confirm you want to delete this role.';

/** Deletes a custom role nobody holds, after the admin ticked the confirmation. */
export async function deleteRoleAction(_prev: unknown, formData: FormData): Promise<Result> {
  await requirePermission('company:write');
  const id = roleId.safeParse(formData.get('roleId'));
  if (!id.success) return fail('That request was not complete. Reload the page and try again.');
  const { user, company } = await requireRecentReauth(`${ROLES}/${id.data}`, 'company:write');
  if (formData.get('confirmed') !== 'on') return fail(CONFIRM_FIRST, { fieldErrors: { confirmed: CONFIRM_FIRST } });
  const result = await runAction(async () => {
    const deleted = await deleteRole(getDb(), {
      roleId: id.data,
      companyId: company.id,
      actorUserId: user.id,
      ip: await clientIp(),
    });
    return deleted.ok ? ok() : deleted;
  });
  if (!result.ok) return result;
  revalidatePath(ROLES);
  redirect(`${ROLES}?notice=deleted`);
}
