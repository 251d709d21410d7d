'use client';

import { ActionForm } from '@/components/action-form';
import { NewPasswordField } from '@/components/new-password-field';
import { SubmitButton } from '@/components/submit-button';
import { resetPasswordAction } from './actions';

export function ResetForm({ token, email }: { token: string; email: string }) {
  return (
    <ActionForm action={resetPasswordAction} className="space-y-4" aria-label="Reset your password">
      {/* The token identifies the link the user opened; it is not a secret beyond that link. */}
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label="New password" />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </ActionForm>
  );
}
