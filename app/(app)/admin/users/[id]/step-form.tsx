'use client';

import type { ReactNode } from 'react';
import { ActionForm, useFieldError } from '@/components/action-form';
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

/** One admin step on a user (a button, maybe a field or two); its answer says what was done. */
export function StepForm({ action, userId, label, button, pendingLabel, variant = 'secondary', children }: Props) {
  return (
    <ActionForm action={action} success={(done) => done} className="space-y-3" aria-label={label}>
      <input type="hidden" name="userId" value={userId} />
      {children}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {button}
      </SubmitButton>
    </ActionForm>
  );
}

/** The admin types the code the user's phone shows now. */
export function ActivateTotpForm({ action, userId }: { action: StepAction; userId: string }) {
  return (
    <ActionForm
      action={action}
      success={(done) => done}
      className="max-w-sm space-y-3"
      aria-label="Activate authenticator app"
    >
      <input type="hidden" name="userId" value={userId} />
      <OtpInput label={`${TOTP_DIGITS}-digit code from the user’s app`} />
      <SubmitButton pendingLabel="Activating…">Activate</SubmitButton>
    </ActionForm>
  );
}

/** A checkbox the admin must tick, tied to its message when they did not. */
export function ConfirmCheckbox({
  name,
  id,
  value,
  error: errorKey,
  children,
}: {
  name: string;
  id: string;
  value?: string;
  /** Where the form's answer keeps this box's message, when not under its name (one box per row). */
  error?: string;
  children: ReactNode;
}) {
  const error = useFieldError(errorKey ?? name);
  return (
    <div className="space-y-1">
      <label className="flex min-h-6 items-start gap-2 text-sm">
        <input
          type="checkbox"
          id={id}
          name={name}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-0.5 h-4 w-4 shrink-0"
        />
        <span>{children}</span>
      </label>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
