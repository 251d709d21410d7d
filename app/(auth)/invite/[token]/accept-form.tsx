'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { NewPasswordField } from '@/components/new-password-field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import type { Result } from '@/lib/result';

type Props = { action: (prev: unknown, formData: FormData) => Promise<Result>; email: string };

export function AcceptForm({ action, email }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Choose your password">
      <FormMessage error={failed && !failed.fieldErrors ? failed.error : null} />
      {/* Lets password managers save the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label="New password" error={e.password} />
      <Field
        label="Repeat the password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={e.confirm}
      />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set password
      </SubmitButton>
    </form>
  );
}
