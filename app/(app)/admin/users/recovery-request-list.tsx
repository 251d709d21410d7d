'use client';

import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { ConfirmCheckbox } from './[id]/step-form';
import { approveRecoveryAction } from './recovery-actions';

export type RecoveryRequestRow = {
  id: string;
  name: string;
  email: string;
  answerAt: string;
  /** Null when no email link was asked (the user's sign-in codes go to that inbox). */
  emailAt: string | null;
  expiresAt: string;
  ip: string | null;
};

const resetMessage = ({ name }: { name: string }) =>
  `Two-factor authentication was reset for ${name}. Within 24 hours, their next sign-in needs only their password; then they set it up again.`;

/**
 * The pending requests and their "Reset 2FA" buttons, in one form (each button names its request),
 * so the confirmation survives the row disappearing once the page revalidates.
 */
export function RecoveryRequestList({ rows, confirmHref }: { rows: RecoveryRequestRow[]; confirmHref: string | null }) {
  return (
    <ActionForm
      action={approveRecoveryAction}
      success={resetMessage}
      className="space-y-4"
      aria-label="Recovery requests"
    >
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
              <p className="font-medium text-slate-900 [overflow-wrap:anywhere]">
                {row.name} <span className="font-normal text-slate-600">· {row.email}</span>
              </p>
              <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                <li data-testid="answer-verified">Security question answered ✓ at {row.answerAt}</li>
                <li data-testid="email-verified">
                  {row.emailAt
                    ? `Email link opened ✓ at ${row.emailAt}`
                    : 'Email link not asked: their sign-in codes go to the inbox they can’t open'}
                </li>
                <li className="text-slate-600">
                  {row.ip ? `Asked from ${row.ip.replace(/^::ffff:(?=\d)/, '')}. ` : ''}Expires {row.expiresAt}.
                </li>
              </ul>
              {confirmHref ? (
                <Link
                  href={confirmHref}
                  className="mt-3 inline-block py-1 text-sm font-medium text-indigo-700 hover:underline"
                >
                  Confirm your password to reset their two-factor authentication
                </Link>
              ) : (
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <ConfirmCheckbox name="checked" value={row.id} error={`checked-${row.id}`} id={`checked-${row.id}`}>
                    I checked that I am talking to {row.name}
                  </ConfirmCheckbox>
                  <SubmitButton name="requestId" value={row.id} variant="danger" pendingLabel="Resetting…">
                    Reset 2FA
                  </SubmitButton>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </ActionForm>
  );
}
