'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { NewPasswordField } from '@/components/new-password-field';
import { SubmitButton } from '@/components/submit-button';
import { changePasswordAction } from './password-actions';

export function PasswordForm() {
  return (
    <ActionForm
      action={changePasswordAction}
      success="Saved. Your password is changed and your other sessions were signed out."
      resetOnSuccess
      className="max-w-md space-y-4"
      aria-label="Change password"
    >
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
      <NewPasswordField label="New password" name="newPassword" />
      <SubmitButton variant="secondary" pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </ActionForm>
  );
}
