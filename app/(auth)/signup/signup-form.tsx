'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { NewPasswordField } from '@/components/new-password-field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { createAccount } from './actions';

export function SignupForm({ linkLifetime }: { linkLifetime: string }) {
  const [state, action] = useActionState(createAccount, null);
  if (state?.ok) {
    return (
      <FormMessage
        success={`Check your email to continue. We sent a message to ${state.data.email}: open the link in it within ${linkLifetime} to create your account.`}
      />
    );
  }
  const failed = state && !state.ok ? state : null;
  const v = failed?.values;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate key={JSON.stringify(v ?? {})}>
      <FormMessage error={failed?.error} />
      <Field
        label="Company name"
        name="companyName"
        autoComplete="organization"
        required
        defaultValue={v?.companyName}
        error={e.companyName}
      />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={v?.name} error={e.name} />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={v?.email}
        error={e.email}
      />
      <Field
        label="Username (optional)"
        name="username"
        autoComplete="username"
        defaultValue={v?.username}
        error={e.username}
        hint="You can sign in with it instead of your email."
      />
      <NewPasswordField error={e.password} />
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Create account
      </SubmitButton>
    </form>
  );
}
