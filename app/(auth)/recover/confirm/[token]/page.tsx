import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { describeRecoveryLink, RECOVERY_LINK_MESSAGES } from '@/lib/recovery/describe-recovery-link';
import { confirmRecoveryAction } from '../../actions';
import { LinkActionForm } from '../../link-action-form';
import { LinkProblem } from '../../link-problem';

export const metadata: Metadata = { title: 'Confirm your recovery request · Latchkey', referrer: 'no-referrer' };

/** GET only shows the button: link scanners fetch URLs, and must not confirm anything. */
export default async function ConfirmRecoveryPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state } = await loadPage(() => describeRecoveryLink(getDb(), { kind: 'confirm', token }));
  if (state !== 'open') return <LinkProblem message={RECOVERY_LINK_MESSAGES[state]} />;
  return (
    <AuthCard
      title="Send your recovery request"
      subtitle="Confirm that you asked for help with two-factor authentication. Your request then goes to your company’s administrators, who will check who you are before resetting it."
    >
      <LinkActionForm
        action={confirmRecoveryAction.bind(null, token)}
        label="Send my request to the administrators"
        pendingLabel="Sending…"
        success="Your request was sent to your administrators. We emailed you a copy; you’ll get another email when an administrator approves it."
      />
    </AuthCard>
  );
}
