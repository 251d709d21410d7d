'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { startRecoveryAction } from './actions';

export function RecoverForm({ question, linkLifetime }: { question: string; linkLifetime: string }) {
  const [state, action] = useActionState(startRecoveryAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-3 text-sm text-slate-700" data-testid="recovery-sent">
        <p className="text-base font-medium text-slate-900">We sent a link to {state.data.maskedEmail}.</p>
        <p>Open it within {linkLifetime} to send your request to your company’s administrators.</p>
        <p>
          An administrator will then check who you are, for example by calling you, before resetting two-factor
          authentication.
        </p>
      </div>
    );
  }
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Security question">
      <FormMessage error={failed?.error} />
      {failed?.restart ? (
        <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
          Sign in again
        </Link>
      ) : (
        <>
          <p className="rounded-md bg-slate-100 px-3 py-2 font-medium text-slate-900" data-testid="recovery-question">
            {question}
          </p>
          <Field
            label="Your answer"
            name="answer"
            autoComplete="off"
            spellCheck={false}
            hint="Case and extra spaces don’t matter."
            required
            autoFocus
          />
          <SubmitButton className="w-full" pendingLabel="Checking…">
            Continue
          </SubmitButton>
        </>
      )}
    </form>
  );
}
