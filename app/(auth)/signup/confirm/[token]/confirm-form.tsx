'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import type { Result } from '@/lib/result';

type Props = {
  /** The server action with the link's token already bound. */
  action: (prev: unknown, formData: FormData) => Promise<Result<undefined, { username: string }>>;
  username: string;
};

/** One button that creates the account, so a mail scanner fetching the link creates nothing. */
export function ConfirmSignUpForm({ action, username }: Props) {
  return (
    <ActionForm action={action} className="space-y-4" aria-label="Create your account">
      <Field
        label="Username (optional)"
        name="username"
        autoComplete="username"
        defaultValue={username}
        hint="You can sign in with it instead of your email."
      />
      <SubmitButton className="w-full" pendingLabel="Creating your account…">
        Create my account
      </SubmitButton>
    </ActionForm>
  );
}
