'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { formatDuration } from '@/lib/format-duration';
import { EMAIL_CHANGE_LIFETIME_MS } from '@/lib/limits';
import type { UserUpdate } from '@/lib/admin/update-user';
import { editUserAction, type EditValues } from './edit-actions';

const savedMessage = ({ changed, emailChangePending }: UserUpdate) =>
  [
    changed.length > 0 ? 'Saved. We emailed the user about the change.' : 'Saved.',
    emailChangePending
      ? `The new email address applies once someone opens the link we sent to it (valid for ${formatDuration(EMAIL_CHANGE_LIFETIME_MS)}); until then the user keeps their current one.`
      : '',
  ]
    .join(' ')
    .trim();

export function EditUserForm({ userId, initial }: { userId: string; initial: EditValues }) {
  const [state, action] = useActionState(editUserAction, null);
  const failed = state && !state.ok ? state : null;
  const v = failed?.values ?? initial;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-4" noValidate aria-label="Edit user" key={JSON.stringify(v)}>
      <FormMessage error={failed?.error} success={state?.ok ? savedMessage(state.data) : null} />
      <input type="hidden" name="userId" value={userId} />
      <Field label="Name" name="name" autoComplete="off" required defaultValue={v.name} error={e.name} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        defaultValue={v.email}
        error={e.email}
      />
      <Field
        label="Mobile (optional)"
        name="mobile"
        type="tel"
        autoComplete="off"
        defaultValue={v.mobile}
        error={e.mobile}
        hint="With the country code, like +44 7911 123456. Sign-in codes go here by SMS; SMS is the weaker method (numbers can be hijacked), so prefer an authenticator app."
      />
      <div className="space-y-1">
        <label htmlFor="edit-role" className="block text-sm font-medium text-slate-800">
          Role
        </label>
        <select
          id="edit-role"
          name="role"
          defaultValue={v.role}
          aria-invalid={e.role ? true : undefined}
          aria-describedby={e.role ? 'edit-role-error' : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2"
        >
          <option value="member">Member</option>
          <option value="admin">Admin</option>
        </select>
        {e.role && (
          <p id="edit-role-error" className="text-sm text-red-700">
            {e.role}
          </p>
        )}
      </div>
      <div className="flex items-start gap-2">
        <input
          id="edit-api"
          name="isApiAccount"
          type="checkbox"
          defaultChecked={v.isApiAccount}
          className="mt-1 h-4 w-4"
          aria-describedby="edit-api-hint"
        />
        <div>
          <label htmlFor="edit-api" className="text-sm font-medium text-slate-800">
            API Account
          </label>
          <p id="edit-api-hint" className="text-xs text-slate-500">
            Calls the HTTP API with its password and cannot sign in to the web app. Turning this on signs the user out.
          </p>
        </div>
      </div>
      <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
    </form>
  );
}
