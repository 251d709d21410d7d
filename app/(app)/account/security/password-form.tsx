'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { NewPasswordField } from '@/components/new-password-field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { changePasswordAction } from './password-actions';

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="max-w-md space-y-4" noValidate aria-label="Change password">
      <FormMessage
        error={state && !state.ok && !state.fieldErrors ? state.error : null}
        success={state?.ok ? 'Your password is changed. Your other sessions were signed out.' : null}
      />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <NewPasswordField label="New password" name="newPassword" error={errors.newPassword} />
      <SubmitButton variant="secondary" pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
