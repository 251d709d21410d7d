import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { EMAIL_CHANGE_LINK_PROBLEM, findEmailChange } from '@/lib/admin/confirm-email-change';
import { loadPage } from '@/lib/auth/load-page';
import { getDb } from '@/lib/db/client';
import { LinkActionForm } from '../../recover/link-action-form';
import { LinkProblem } from '../../recover/link-problem';
import { confirmEmailChangeAction } from '../actions';

export const metadata: Metadata = { title: 'Confirm your new email address · Latchkey', referrer: 'no-referrer' };

/** GET only shows the button: link scanners fetch URLs, and must not confirm anything. */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const newEmail = await loadPage(() => findEmailChange(getDb(), token));
  if (!newEmail) return <LinkProblem message={EMAIL_CHANGE_LINK_PROBLEM} />;
  return (
    <AuthCard
      title="Confirm your new email address"
      subtitle={
        <>
          Your Latchkey account will sign in with <strong data-testid="new-email">{newEmail}</strong> from now on.
        </>
      }
    >
      <LinkActionForm
        action={confirmEmailChangeAction.bind(null, token)}
        label="Use this address"
        pendingLabel="Confirming…"
        success="Done: your account now uses this address. Sign in with it from now on."
      />
    </AuthCard>
  );
}
