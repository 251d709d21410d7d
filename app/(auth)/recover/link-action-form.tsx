'use client';

import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import type { Result } from '@/lib/result';
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
  return (
    <ActionForm action={action} success={success} className="space-y-4" aria-label={label}>
      {(state) =>
        state?.ok ? (
          <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
            Go to sign-in
          </Link>
        ) : (
          <SubmitButton className="w-full" variant={variant} pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
        )
      }
    </ActionForm>
  );
}
