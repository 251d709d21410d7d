import Link from 'next/link';
import type { Metadata } from 'next';
import { ActionForm } from '@/components/action-form';
import { AuthCard } from '@/components/auth-card';
import { SignInAgain } from '@/components/sign-in-again';
import { SubmitButton } from '@/components/submit-button';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { formatDuration } from '@/lib/format-duration';
import { RECOVERY_REQUEST_LIFETIME_MS, RECOVERY_SIGN_IN_LIFETIME_MS } from '@/lib/limits';
import { maskEmail, maskPhone } from '@/lib/messaging/mask';
import { findCompanyAdmins } from '@/lib/recovery/find-company-admins';
import { findRecoveryQuestion } from '@/lib/recovery/find-recovery-question';
import { recoveryPathFor } from '@/lib/recovery/recovery-path';
import { findChallenge } from '@/lib/sign-in/find-challenge';
import { sendByEmailInsteadAction } from './actions';
import { RecoverForm } from './recover-form';

export const metadata: Metadata = { title: 'Account recovery · Latchkey' };

const LINK = 'font-medium text-indigo-700 hover:underline';

/** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
const names = (list: string[]) =>
  list.length < 2 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;

/**
 * Reached from the challenge page: the password is proven, a second factor is lost. What it offers
 * fits what was lost (issue 9 #6): a way that does not depend on it, and the company's admins by
 * name: only here, after the password (an anonymous visitor learns nothing), and nothing else of
 * the account or company (no company name, no addresses).
 */
export default async function RecoverPage() {
  const token = await readChallengeCookie();
  const db = getDb();
  const open = token ? await loadPage(() => findChallenge(db, token)) : null;
  if (!open) {
    return (
      <SignInAgain subtitle="To ask for help, first sign in with your password. This sign-in has expired or was already completed." />
    );
  }
  const { user, policy } = open;
  const [question, admins] = await loadPage(() =>
    Promise.all([
      findRecoveryQuestion(db, user.id),
      findCompanyAdmins(db, { companyId: user.companyId, userId: user.id }),
    ]),
  );
  const path = recoveryPathFor(policy);
  const back = (
    <Link href="/login/verify" className={LINK}>
      Back to two-factor authentication
    </Link>
  );
  const who =
    admins.length > 0 ? (
      <p className="text-sm text-slate-700" data-testid="company-admins">
        {admins.length === 1 ? 'Your company’s administrator: ' : 'Your company’s administrators: '}
        <strong>{names(admins)}</strong>.
      </p>
    ) : (
      <p className="text-sm text-slate-700" data-testid="company-admins">
        You are your company’s only administrator, and no one can approve their own request, so no one here can let you
        in without your second factor.
      </p>
    );
  const subtitle = {
    authenticator:
      'Can’t use your authenticator app or backup codes? An administrator can reset two-factor authentication after checking who you are.',
    sms: `Your sign-in codes go by text message to ${user.mobile ? maskPhone(user.mobile) : 'your phone'}. Lost your phone? Get the code by email instead, or ask an administrator.`,
    email: `Your sign-in codes go to ${maskEmail(user.email)}. If you can’t open that inbox, an administrator can let you in after checking who you are.`,
  }[path.lost];

  const canAsk = admins.length > 0 && (question !== null || !path.confirmByEmail);
  return (
    <AuthCard title="Account recovery" subtitle={subtitle} footer={back}>
      <div className="space-y-5">
        {path.lost === 'sms' && (
          <ActionForm action={sendByEmailInsteadAction} className="space-y-2" aria-label="Get the code by email">
            <SubmitButton variant="secondary" className="w-full" pendingLabel="Sending…">
              {`Send the code to ${maskEmail(user.email)} instead`}
            </SubmitButton>
          </ActionForm>
        )}
        {path.lost === 'authenticator' && policy.methods.includes('backup') && (
          <p className="text-sm text-slate-700">
            Still have a backup code?{' '}
            <Link href="/login/verify?method=backup" className={LINK}>
              Use Backup Code
            </Link>
          </p>
        )}
        {who}
        {canAsk ? (
          <RecoverForm
            question={question}
            linkLifetime={formatDuration(RECOVERY_REQUEST_LIFETIME_MS)}
            signInLifetime={formatDuration(RECOVERY_SIGN_IN_LIFETIME_MS)}
            button={path.confirmByEmail ? 'Continue' : 'Send my request to the administrators'}
          />
        ) : admins.length > 0 ? (
          <p className="text-sm text-slate-700" data-testid="contact-admin">
            You haven’t set a security question, so Latchkey can’t check who you are here. Ask your administrator: after
            checking who you are, they can reset two-factor authentication on your account. You then sign in with your
            password (and a code by email, if your company requires one) and set it up again.
          </p>
        ) : null}
      </div>
    </AuthCard>
  );
}
