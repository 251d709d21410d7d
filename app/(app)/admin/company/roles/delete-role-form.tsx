'use client';

import { ActionForm, useFieldError } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { deleteRoleAction } from './actions';

/** Delete a custom role: the admin ticks a box naming it first; a role someone holds is refused on the server. */
export function DeleteRoleForm({ role }: { role: { id: string; name: string } }) {
  return (
    <ActionForm action={deleteRoleAction} className="space-y-3" aria-label="Delete role">
      <input type="hidden" name="roleId" value={role.id} />
      <ConfirmDelete name={role.name} />
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Delete role
      </SubmitButton>
    </ActionForm>
  );
}

function ConfirmDelete({ name }: { name: string }) {
  const error = useFieldError('confirmed');
  return (
    <div className="space-y-1">
      <label className="flex min-h-6 items-start gap-2 text-sm">
        <input
          type="checkbox"
          id="delete-role-confirmed"
          name="confirmed"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'delete-role-confirmed-error' : undefined}
          className="mt-0.5 h-4 w-4 shrink-0"
        />
        <span>Yes, delete the role “{name}”.</span>
      </label>
      {error && (
        <p id="delete-role-confirmed-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
