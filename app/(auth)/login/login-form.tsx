'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { signInWithPassword } from './actions';

export function LoginForm() {
  const [state, action] = useActionState(signInWithPassword, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <Field
        label="Email or username"
        name="identifier"
        autoComplete="username"
        required
        autoFocus
        defaultValue={failed?.values?.identifier}
        key={`identifier-${failed?.values?.identifier ?? ''}`}
      />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
