'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { formatDuration } from '@/lib/format-duration';
import { PASSWORD_RESET_LIFETIME_MS } from '@/lib/limits';
import { requestResetAction } from './actions';

export function ForgotForm() {
  return (
    <ActionForm
      action={requestResetAction}
      className="space-y-4"
      aria-label="Forgot your password"
      success={`If an account uses that address, we sent it a link to choose a new password. It works for ${formatDuration(PASSWORD_RESET_LIFETIME_MS)}. Check your spam folder if it doesn’t arrive.`}
    >
      {(state) =>
        state?.ok ? null : (
          <>
            <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
            <SubmitButton className="w-full" pendingLabel="Sending…">
              Send me a link
            </SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}
