'use client';

import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { continueWithApprovedRecovery } from './actions';

const when = (ms: number) => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

/** An admin approved this user's account recovery: it stands in for the lost factor, once. */
export function ApprovedRecoveryForm({ until, approvedBy }: { until: number; approvedBy: string | null }) {
  return (
    <ActionForm action={continueWithApprovedRecovery} className="space-y-3" aria-label="Account recovery">
      {(state) =>
        state && !state.ok && state.restart ? (
          <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
            Sign in again
          </Link>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="approved-recovery">
              {approvedBy ?? 'An administrator'} approved your account recovery, so this once you can continue without a
              second factor (until <span suppressHydrationWarning>{when(until)}</span>). Then set up two-factor
              authentication again from Account › Security.
            </p>
            <SubmitButton className="w-full" pendingLabel="Signing in…">
              Continue without a code
            </SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}
