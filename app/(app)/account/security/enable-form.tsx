'use client';

import { useActionState } from 'react';
import { BackupCodesReveal } from '@/components/backup-codes-reveal';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { OtpInput } from '@/components/otp-input';
import { SubmitButton } from '@/components/submit-button';
import { TOTP_DIGITS } from '@/lib/limits';
import { enableAction } from './two-factor-actions';

export function EnableForm({ email }: { email: string }) {
  const [state, action] = useActionState(enableAction, null);
  // The page re-renders as "on" once the view is done, which unmounts this form.
  if (state?.ok)
    return (
      <BackupCodesReveal
        codes={state.data.codes}
        accountEmail={email}
        createdAt={state.data.createdAt}
        onDone={() => {}}
      />
    );
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate aria-label="Enable two-factor authentication">
      <FormMessage error={state && !state.ok && !state.fieldErrors ? state.error : null} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <OtpInput label={`${TOTP_DIGITS}-digit code from the app`} error={errors.code} />
      <SubmitButton pendingLabel="Enabling…">Enable Two-Factor Authentication</SubmitButton>
    </form>
  );
}
