'use client';

import { ActionForm, useFieldError, useFieldValue } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { ROLE_NAME_MAX_LENGTH } from '@/lib/limits';
import type { Result } from '@/lib/result';
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '@/lib/roles/permissions';
import type { RoleUpdate } from '@/lib/roles/update-role';
import { createRoleAction, updateRoleAction } from './actions';

type Props<T> = {
  action: (prev: Result<T> | null, formData: FormData) => Promise<Result<T>>;
  label: string;
  submit: string;
  /** The role being edited; none for a new role. */
  roleId?: string;
  initial: { name: string; permissions: readonly string[] };
  /** The admin's own permissions: a permission outside them cannot be ticked (the server refuses it anyway). */
  held: readonly string[];
  success?: (data: T) => string;
};

/** Company › Roles › New role. */
export function NewRoleForm({ held }: { held: readonly string[] }) {
  return (
    <RoleForm
      action={createRoleAction}
      label="New role"
      submit="Create role"
      initial={{ name: '', permissions: [] }}
      held={held}
    />
  );
}

/** One custom role's edit form. */
export function EditRoleForm({
  role,
  held,
}: {
  role: { id: string; name: string; permissions: readonly string[] };
  held: readonly string[];
}) {
  return (
    <RoleForm
      action={updateRoleAction}
      label="Edit role"
      submit="Save role"
      roleId={role.id}
      initial={role}
      held={held}
      success={savedRole}
    />
  );
}

/** Name and permissions of a custom role: the new-role form and each role's edit form. */
function RoleForm<T>({ action, label, submit, roleId, initial, held, success }: Props<T>) {
  return (
    <ActionForm action={action} success={success} className="max-w-2xl space-y-5" aria-label={label}>
      {roleId && <input type="hidden" name="roleId" value={roleId} />}
      <Field
        label="Name"
        name="name"
        autoComplete="off"
        required
        maxLength={ROLE_NAME_MAX_LENGTH}
        defaultValue={initial.name}
        hint={`Up to ${ROLE_NAME_MAX_LENGTH} characters; no two roles of your company share a name.`}
        className="max-w-md"
      />
      <PermissionBoxes initial={initial.permissions} held={held} />
      <SubmitButton pendingLabel="Saving…">{submit}</SubmitButton>
    </ActionForm>
  );
}

function PermissionBoxes({ initial, held }: { initial: readonly string[]; held: readonly string[] }) {
  const error = useFieldError('permissions');
  const returned = useFieldValue('permissions');
  const checked = returned === undefined ? initial : returned.split(' ');
  return (
    <fieldset
      className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-4"
      aria-describedby={['role-permissions-hint', error && 'role-permissions-error'].filter(Boolean).join(' ')}
    >
      <legend className="px-1 text-sm font-medium">Permissions</legend>
      <p id="role-permissions-hint" className="text-xs text-slate-600">
        Every role can manage its own account (Account › Security). Tick what else users with this role may do.
      </p>
      {error && (
        <p id="role-permissions-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {PERMISSIONS.map((permission) => (
        <PermissionBox
          key={permission}
          permission={permission}
          checked={checked.includes(permission)}
          allowed={held.includes(permission)}
        />
      ))}
    </fieldset>
  );
}

function PermissionBox({
  permission,
  checked,
  allowed,
}: {
  permission: Permission;
  checked: boolean;
  allowed: boolean;
}) {
  const id = `permission-${permission.replace(/[^a-z0-9]/g, '-')}`;
  const { label, description } = PERMISSION_LABELS[permission];
  return (
    <div className="flex items-start gap-3">
      <input
        type="checkbox"
        id={id}
        name="permissions"
        value={permission}
        defaultChecked={checked}
        disabled={!allowed}
        aria-describedby={`${id}-description`}
        className="mt-1 h-4 w-4 shrink-0"
      />
      <div>
        <label htmlFor={id} className={`text-sm font-medium ${allowed ? 'text-slate-800' : 'text-slate-500'}`}>
          {label}
        </label>
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
          {!allowed && ' Your own role lacks this permission, so you can’t give it.'}
        </p>
      </div>
    </div>
  );
}

/** What the edit form announces after a save. */
function savedRole({ changed }: RoleUpdate): string {
  return changed ? 'Saved. Users with this role have the new permissions from their next page.' : 'Nothing changed.';
}
