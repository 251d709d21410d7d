import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { FormMessage } from '@/components/form-message';
import { findInvitation, INVITATION_MESSAGES } from '@/lib/admin/find-invitation';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { acceptInvitationAction } from './actions';
import { AcceptForm } from './accept-form';

export const metadata: Metadata = { title: 'Accept your invitation · Latchkey', referrer: 'no-referrer' };

/** Opening the link only reads: the invitation is consumed by the form's action, not by GET. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await loadPage(() => findInvitation(getDb(), { token }));
  if (invitation.state !== 'valid') {
    return (
      <AuthCard
        title="This link can’t be used"
        footer={
          <Link href="/login" className="font-medium text-indigo-700 hover:underline">
            Go to sign in
          </Link>
        }
      >
        <FormMessage error={INVITATION_MESSAGES[invitation.state]} />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Welcome to ${invitation.companyName}`}
      subtitle={
        <>
          Choose a password for <strong data-testid="invitee">{invitation.name}</strong> ({invitation.email}).
        </>
      }
    >
      <AcceptForm action={acceptInvitationAction.bind(null, token)} email={invitation.email} />
    </AuthCard>
  );
}
