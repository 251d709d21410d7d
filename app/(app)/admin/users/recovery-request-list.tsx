'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { approveRecoveryAction } from './recovery-actions';

export type RecoveryRequestRow = {
  id: string;
  name: string;
  email: string;
  answerAt: string;
  emailAt: string;
  expiresAt: string;
  ip: string | null;
};

/**
 * The pending requests and their "Reset 2FA" buttons. One action state for the whole list, so
 * the confirmation survives the row disappearing once the page revalidates.
 */
export function RecoveryRequestList({ rows, confirmHref }: { rows: RecoveryRequestRow[]; confirmHref: string | null }) {
  const [state, action] = useActionState(approveRecoveryAction, null);
  return (
    <div className="space-y-4">
      <FormMessage
        error={state && !state.ok ? state.error : null}
        success={
          state?.ok
            ? `Two-factor authentication was reset for ${state.data.name}. They can now sign in with their password and set it up again.`
            : null
        }
      />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-recovery-requests">
          No one is waiting for help.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {rows.map((row) => (
            <li
              key={row.id}
              className="py-4"
              data-testid="recovery-request"
              aria-label={`Recovery request from ${row.name}`}
            >
              <p className="font-medium text-slate-900">
                {row.name} <span className="font-normal text-slate-600">· {row.email}</span>
              </p>
              <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                <li data-testid="answer-verified">Security answer ✓ at {row.answerAt}</li>
                <li data-testid="email-verified">Email link ✓ at {row.emailAt}</li>
                <li className="text-slate-500">
                  {row.ip ? `Asked from ${row.ip}. ` : ''}Expires {row.expiresAt}.
                </li>
              </ul>
              {confirmHref ? (
                <Link
                  href={confirmHref}
                  className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline"
                >
                  Confirm it’s you to reset their 2FA
                </Link>
              ) : (
                <form action={action} className="mt-3 flex flex-wrap items-center gap-3">
                  <input type="hidden" name="requestId" value={row.id} />
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="checked" className="h-4 w-4" required />I checked that I am talking to{' '}
                    {row.name}
                  </label>
                  <SubmitButton variant="danger" pendingLabel="Resetting…">
                    Reset 2FA
                  </SubmitButton>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
