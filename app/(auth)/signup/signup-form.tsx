'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { PASSWORD_MIN_LENGTH } from '@/lib/limits';
import { createAccount } from './actions';

export function SignupForm() {
  const [state, action] = useActionState(createAccount, null);
  const failed = state && !state.ok ? state : null;
  const v = failed?.values;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate key={JSON.stringify(v ?? {})}>
      <FormMessage error={failed?.error} />
      <Field label="Company name" name="companyName" autoComplete="organization" required defaultValue={v?.companyName} error={e.companyName} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={v?.name} error={e.name} />
      <Field label="Work email" name="email" type="email" autoComplete="email" required defaultValue={v?.email} error={e.email} />
      <Field
        label="Username (optional)"
        name="username"
        autoComplete="username"
        defaultValue={v?.username}
        error={e.username}
        hint="You can sign in with it instead of your email."
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        error={e.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
      />
      <SubmitButton className="w-full" pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
