'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { NewPasswordField } from '@/components/new-password-field';
import { SubmitButton } from '@/components/submit-button';
import type { Result } from '@/lib/result';

type Props = { action: (prev: Result | null, formData: FormData) => Promise<Result>; email: string };

export function AcceptForm({ action, email }: Props) {
  return (
    <ActionForm action={action} className="space-y-4" aria-label="Choose your password">
      {/* Lets password managers save the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label="New password" />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set password
      </SubmitButton>
    </ActionForm>
  );
}
