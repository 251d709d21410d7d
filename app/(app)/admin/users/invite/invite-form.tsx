'use client';

import { ActionForm, useFieldError, useFieldValue } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { inviteAction } from './actions';

export function InviteForm() {
  return (
    <ActionForm action={inviteAction} className="max-w-md space-y-4" aria-label="Invite a user">
      <Field label="Name" name="name" autoComplete="off" required />
      <Field label="Email" name="email" type="email" autoComplete="off" required />
      <RoleSelect />
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </ActionForm>
  );
}

function RoleSelect() {
  const error = useFieldError('role');
  const returned = useFieldValue('role');
  return (
    <div className="space-y-1">
      <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
        Role
      </label>
      <select
        id="invite-role"
        name="role"
        defaultValue={returned ?? 'member'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'invite-role-error' : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 ${error ? 'border-red-500' : 'border-slate-300'}`}
      >
        <option value="member">Member</option>
        <option value="admin">Admin (manages users and company settings)</option>
      </select>
      {error && (
        <p id="invite-role-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
