'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { Result } from '@/lib/result';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';

type Props = {
  /** A server action with the link's token already bound. */
  action: () => Promise<Result>;
  label: string;
  pendingLabel: string;
  success: string;
  variant?: 'primary' | 'danger';
};

/** One button that does what an emailed link asks for, so a mail scanner's fetch does nothing. */
export function LinkActionForm({ action, label, pendingLabel, success, variant = 'primary' }: Props) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <FormMessage success={success} />
        <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
          Go to sign-in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage error={state && !state.ok ? state.error : null} />
      {!state && (
        <SubmitButton className="w-full" variant={variant} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
      )}
    </form>
  );
}
