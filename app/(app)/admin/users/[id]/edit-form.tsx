'use client';

import { ActionForm } from '@/components/action-form';
import { RoleSelect, type RoleOption } from '@/components/role-select';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { formatDuration } from '@/lib/format-duration';
import { EMAIL_CHANGE_LIFETIME_MS } from '@/lib/limits';
import type { UserUpdate } from '@/lib/admin/update-user';
import { editUserAction, type EditValues } from './edit-actions';

const valid = formatDuration(EMAIL_CHANGE_LIFETIME_MS);

/** "We emailed" only for emails that went (docs/GLOSSARY.md); otherwise what the admin should do. */
export function savedMessage({ changed, emailChangePending, userEmailed, linkSent }: UserUpdate): string {
  const saved =
    changed.length === 0 || userEmailed === null
      ? 'Saved.'
      : userEmailed
        ? 'Saved. We emailed the user about the change.'
        : 'Saved, but we could not email the user about the change: tell them yourself.';
  const link = !emailChangePending
    ? ''
    : linkSent
      ? `The new email address applies once someone opens the link we sent to it (valid for ${valid}); until then the user keeps their current one.`
      : 'We could not send the confirmation link to the new email address, so the user keeps their current one. Save the new address again in a few minutes to send a new link.';
  return `${saved} ${link}`.trim();
}

export function EditUserForm({ userId, initial, roles }: { userId: string; initial: EditValues; roles: RoleOption[] }) {
  return (
    <ActionForm action={editUserAction} success={savedMessage} className="max-w-md space-y-4" aria-label="Edit user">
      <input type="hidden" name="userId" value={userId} />
      <Field label="Name" name="name" autoComplete="off" required defaultValue={initial.name} />
      <Field label="Email" name="email" type="email" autoComplete="off" required defaultValue={initial.email} />
      <Field
        label="Mobile (optional)"
        name="mobile"
        type="tel"
        autoComplete="off"
        defaultValue={initial.mobile}
        hint="With the country code, like +44 7911 123456. Sign-in codes go here by SMS; SMS is the weaker method (numbers can be hijacked), so prefer an authenticator app."
      />
      <RoleSelect id="edit-role" roles={roles} initial={initial.role} />
      <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
    </ActionForm>
  );
}
