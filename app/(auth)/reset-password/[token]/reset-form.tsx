'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { NewPasswordField } from '@/components/new-password-field';
import { SubmitButton } from '@/components/submit-button';
import { resetPasswordAction } from './actions';

export function ResetForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={failed && !failed.fieldErrors ? failed.error : null} />
      {/* The token identifies the link the user opened; it is not a secret beyond that link. */}
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label="New password" error={failed?.fieldErrors?.password} />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
