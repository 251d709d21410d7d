import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { SignInAgain } from '@/components/sign-in-again';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { formatDuration } from '@/lib/format-duration';
import { RECOVERY_REQUEST_LIFETIME_MS } from '@/lib/limits';
import { findRecoveryQuestion } from '@/lib/recovery/find-recovery-question';
import { findChallenge } from '@/lib/sign-in/find-challenge';
import { RecoverForm } from './recover-form';

export const metadata: Metadata = { title: 'Lost your device · Latchkey' };

const LINK = 'font-medium text-indigo-700 hover:underline';

/** Reached from the challenge page: the password is proven, the second factor is lost. */
export default async function RecoverPage() {
  const token = await readChallengeCookie();
  const db = getDb();
  const open = token ? await loadPage(() => findChallenge(db, token)) : null;
  if (!open) {
    return (
      <SignInAgain subtitle="To ask for help, first sign in with your password. This sign-in has expired or was already completed." />
    );
  }
  const question = await loadPage(() => findRecoveryQuestion(db, open.user.id));
  const back = (
    <Link href="/login/verify" className={LINK}>
      Back to the two-factor check
    </Link>
  );
  if (!question) {
    return (
      <AuthCard
        title="Contact your administrator"
        subtitle="You haven’t set a security question, so Latchkey can’t check who you are here."
        footer={back}
      >
        <p className="text-sm text-slate-700" data-testid="contact-admin">
          Ask your company’s Latchkey administrator for help. After checking who you are, they can reset two-factor
          authentication on your account so you can sign in with your password and set it up again.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Lost your device and backup codes?"
      subtitle="Answer your security question. We’ll email you a link to confirm, then an administrator checks who you are and resets two-factor authentication."
      footer={back}
    >
      <RecoverForm question={question} linkLifetime={formatDuration(RECOVERY_REQUEST_LIFETIME_MS)} />
    </AuthCard>
  );
}
