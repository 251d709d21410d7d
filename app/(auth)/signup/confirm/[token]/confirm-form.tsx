'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import type { Result } from '@/lib/result';

type Props = {
  /** The server action with the link's token already bound. */
  action: (prev: unknown, formData: FormData) => Promise<Result<undefined, { username: string }>>;
  username: string;
};

/** One button that creates the account, so a mail scanner fetching the link creates nothing. */
export function ConfirmSignUpForm({ action, username }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form
      action={formAction}
      className="space-y-4"
      aria-label="Create your account"
      key={failed?.values?.username ?? username}
    >
      <FormMessage error={failed && !failed.fieldErrors ? failed.error : null} />
      <Field
        label="Username (optional)"
        name="username"
        autoComplete="username"
        defaultValue={failed?.values?.username ?? username}
        error={failed?.fieldErrors?.username}
        hint="You can sign in with it instead of your email."
      />
      <SubmitButton className="w-full" pendingLabel="Creating your account…">
        Create my account
      </SubmitButton>
    </form>
  );
}
