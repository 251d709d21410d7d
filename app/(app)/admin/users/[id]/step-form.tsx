'use client';

import { useActionState, type ReactNode } from 'react';
import { FormMessage } from '@/components/form-message';
import { OtpInput } from '@/components/otp-input';
import { SubmitButton } from '@/components/submit-button';
import { TOTP_DIGITS } from '@/lib/limits';
import type { Result } from '@/lib/result';

type StepAction = (prev: unknown, formData: FormData) => Promise<Result<string>>;
type Props = {
  action: StepAction;
  userId: string;
  label: string;
  button: string;
  pendingLabel?: string;
  variant?: 'primary' | 'danger' | 'secondary';
  children?: ReactNode;
};

/** One admin step on a user (a button, maybe a field or two) with its error or confirmation. */
export function StepForm({ action, userId, label, button, pendingLabel, variant = 'secondary', children }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" aria-label={label} noValidate>
      <FormMessage
        error={state && !state.ok && !state.fieldErrors ? state.error : null}
        success={state?.ok ? state.data : null}
      />
      <input type="hidden" name="userId" value={userId} />
      {children}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {button}
      </SubmitButton>
    </form>
  );
}

/** The admin types the code the user's phone shows now. */
export function ActivateTotpForm({ action, userId }: { action: StepAction; userId: string }) {
  const [state, formAction] = useActionState(action, null);
  const codeError = state && !state.ok ? state.fieldErrors?.code : undefined;
  return (
    <form action={formAction} className="max-w-sm space-y-3" aria-label="Activate authenticator app" noValidate>
      <FormMessage error={state && !state.ok && !codeError ? state.error : null} />
      <input type="hidden" name="userId" value={userId} />
      <OtpInput label={`${TOTP_DIGITS}-digit code from the user’s app`} error={codeError} />
      <SubmitButton pendingLabel="Activating…">Activate</SubmitButton>
    </form>
  );
}
