'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { inviteAction } from './actions';

export function InviteForm() {
  const [state, action] = useActionState(inviteAction, null);
  const failed = state && !state.ok ? state : null;
  const v = failed?.values;
  const e = failed?.fieldErrors ?? {};
  return (
    <form
      action={action}
      className="max-w-md space-y-4"
      noValidate
      aria-label="Invite a user"
      key={JSON.stringify(v ?? {})}
    >
      <FormMessage error={failed?.error} />
      <Field label="Name" name="name" autoComplete="off" required defaultValue={v?.name} error={e.name} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        defaultValue={v?.email}
        error={e.email}
      />
      <div className="space-y-1">
        <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
          Role
        </label>
        <select
          id="invite-role"
          name="role"
          defaultValue={v?.role ?? 'member'}
          className="block w-full rounded-md border border-slate-300 px-3 py-2"
        >
          <option value="member">Member</option>
          <option value="admin">Admin (manages users and company settings)</option>
        </select>
        {e.role && <p className="text-sm text-red-700">{e.role}</p>}
      </div>
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </form>
  );
}
