'use client';

import { ActionForm } from '@/components/action-form';
import { RoleSelect, type RoleOption } from '@/components/role-select';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { inviteAction } from './actions';

export function InviteForm({ roles, initialRole }: { roles: RoleOption[]; initialRole: string }) {
  return (
    <ActionForm action={inviteAction} className="max-w-md space-y-4" aria-label="Invite a user">
      <Field label="Name" name="name" autoComplete="off" required />
      <Field label="Email" name="email" type="email" autoComplete="off" required />
      <RoleSelect id="invite-role" roles={roles} initial={initialRole} />
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </ActionForm>
  );
}
