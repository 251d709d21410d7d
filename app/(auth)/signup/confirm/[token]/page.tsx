import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { findSignUp, SIGN_UP_LINK_INVALID } from '@/lib/accounts/confirm-sign-up';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { LinkProblem } from '../../../recover/link-problem';
import { confirmSignUpAction } from './actions';
import { ConfirmSignUpForm } from './confirm-form';

export const metadata: Metadata = { title: 'Create your account · Latchkey', referrer: 'no-referrer' };

/** GET only shows the button: link scanners fetch URLs, and must not create companies. */
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const pending = await loadPage(() => findSignUp(getDb(), token));
  if (!pending) return <LinkProblem message={SIGN_UP_LINK_INVALID} />;
  return (
    <AuthCard
      title={`Create ${pending.companyName}`}
      subtitle={
        <>
          Press the button to create it, with <strong data-testid="signup-name">{pending.name}</strong> ({pending.email}
          ) as its first administrator.
        </>
      }
    >
      <ConfirmSignUpForm action={confirmSignUpAction.bind(null, token)} username={pending.username ?? ''} />
    </AuthCard>
  );
}
