'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { NewPasswordField } from '@/components/new-password-field';
import { SubmitButton } from '@/components/submit-button';
import { createAccount } from './actions';

/** Once sent, the form gives way to "check your email" (announced): there is nothing more to type. */
export function SignupForm({ linkLifetime }: { linkLifetime: string }) {
  return (
    <ActionForm
      action={createAccount}
      className="space-y-4"
      aria-label="Create your company’s account"
      success={(data) =>
        `Check your email to continue. We sent a message to ${data.email}: open the link in it within ${linkLifetime} to create your account.`
      }
    >
      {(state) =>
        state?.ok ? null : (
          <>
            <Field label="Company name" name="companyName" autoComplete="organization" required />
            <Field label="Your name" name="name" autoComplete="name" required />
            <Field label="Work email" name="email" type="email" autoComplete="email" required />
            <Field
              label="Username (optional)"
              name="username"
              autoComplete="username"
              hint="You can sign in with it instead of your email."
            />
            <NewPasswordField />
            <SubmitButton className="w-full" pendingLabel="Sending…">
              Create account
            </SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}
