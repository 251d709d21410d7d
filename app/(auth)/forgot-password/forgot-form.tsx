'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { formatDuration } from '@/lib/format-duration';
import { PASSWORD_RESET_LIFETIME_MS } from '@/lib/limits';
import { requestResetAction } from './actions';

export function ForgotForm() {
  const [state, action] = useActionState(requestResetAction, null);
  if (state?.ok) {
    return (
      <FormMessage
        success={`If an account uses that address, we sent it a link to choose a new password. It works for ${formatDuration(PASSWORD_RESET_LIFETIME_MS)}. Check your spam folder if it doesn’t arrive.`}
      />
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={state && !state.ok ? state.error : null} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={state && !state.ok ? state.values?.email : ''}
      />
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Send me a link
      </SubmitButton>
    </form>
  );
}
