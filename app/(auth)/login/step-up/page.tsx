import { redirect } from 'next/navigation';
import type { Metadata } from 'next';
import { ActionForm } from '@/components/action-form';
import { AuthCard } from '@/components/auth-card';
import { SubmitButton } from '@/components/submit-button';
import { getCurrentSession, needsStepUp } from '@/lib/auth/guards';
import { stepUpAction } from './actions';

export const metadata: Metadata = { title: 'Two-factor authentication · Latchkey' };

/** Where a session without a second factor lands once its company requires one. */
export default async function StepUpPage() {
  const current = await getCurrentSession();
  if (!current) redirect('/login');
  if (!needsStepUp(current)) redirect('/');
  return (
    <AuthCard
      title="Two-factor authentication"
      subtitle={
        <>
          <span className="block font-medium text-slate-800">Confirm it’s you</span>
          <span className="mt-1 block">
            {current.company.name} now requires two-factor authentication for every user.
          </span>
        </>
      }
    >
      <ActionForm action={stepUpAction} className="space-y-4" aria-label="Confirm it’s you">
        <p className="text-sm text-slate-700">Confirm it’s you with a second factor to continue. It takes a moment.</p>
        <SubmitButton className="w-full" pendingLabel="Starting…">
          Continue
        </SubmitButton>
      </ActionForm>
    </AuthCard>
  );
}
