'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { signInWithPassword } from './actions';

/** Email and password. `identifier` fills the first field (after accepting an invitation, say). */
export function LoginForm({ identifier }: { identifier?: string }) {
  return (
    <ActionForm action={signInWithPassword} className="space-y-4" aria-label="Sign in">
      <Field
        label="Email or username"
        name="identifier"
        autoComplete="username"
        required
        autoFocus={!identifier}
        defaultValue={identifier}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus={Boolean(identifier)}
      />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </ActionForm>
  );
}
