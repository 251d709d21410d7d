'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { PASSWORD_MIN_LENGTH } from '@/lib/limits';
import type { ActionResult } from '@/lib/action-result';

type Props = { action: (prev: unknown, formData: FormData) => Promise<ActionResult>; email: string };

export function AcceptForm({ action, email }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Choose your password">
      <FormMessage error={failed && !failed.fieldErrors ? failed.error : null} />
      {/* Lets password managers save the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        minLength={PASSWORD_MIN_LENGTH}
        error={e.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
      />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={e.confirm} />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set password
      </SubmitButton>
    </form>
  );
}
