import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { describeRecoveryLink, RECOVERY_LINK_MESSAGES } from '@/lib/recovery/describe-recovery-link';
import { cancelRecoveryAction } from '../../actions';
import { LinkActionForm } from '../../link-action-form';
import { LinkProblem } from '../../link-problem';

export const metadata: Metadata = { title: 'Cancel the recovery request · Latchkey', referrer: 'no-referrer' };

/** GET only shows the button: link scanners fetch URLs, and must not cancel anything. */
export default async function CancelRecoveryPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state } = await loadPage(() => describeRecoveryLink(getDb(), { kind: 'cancel', token }));
  if (state !== 'open') return <LinkProblem message={RECOVERY_LINK_MESSAGES[state]} />;
  return (
    <AuthCard
      title="Cancel the recovery request"
      subtitle="No administrator will be able to approve it. If you didn’t ask for help, someone knows your password: change it after cancelling."
    >
      <LinkActionForm
        action={cancelRecoveryAction.bind(null, token)}
        label="Cancel the request"
        pendingLabel="Cancelling…"
        success="The request was cancelled. Nothing about how you sign in changed."
        variant="danger"
      />
    </AuthCard>
  );
}
