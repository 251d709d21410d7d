import type { Metadata } from 'next';
import { SECURITY_QUESTIONS } from '@/lib/accounts/set-security-question';
import { findSecurityQuestion } from '@/lib/accounts/find-security-question';
import { getCurrentTwoFactorStatus, requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { BACKUP_CODES_LOW, TOTP_DIGITS } from '@/lib/limits';
import { formatTotpKey, totpUri } from '@/lib/twofactor/totp';
import { readPendingTotpSecret } from '@/lib/twofactor/totp-credential';
import { policyFor } from '@/lib/twofactor/totp-state';
import { FormMessage } from '@/components/form-message';
import { QrEnrollment } from '@/components/qr-enrollment';
import { SubmitButton } from '@/components/submit-button';
import { beginSetupAction, cancelSetupAction } from './two-factor-actions';
import { EnableForm } from './enable-form';
import { DisableForm, RegenerateForm } from './manage-forms';
import { QuestionForm } from './question-form';
import { SessionsSection } from './sessions-section';
import { PasswordForm } from './password-form';
import { PreferenceForm } from './preference-form';
import { preferenceOptions } from '@/lib/twofactor/preference-options';
import { maskedDestination } from '@/lib/sign-in/send-code';

export const metadata: Metadata = { title: 'Security · Latchkey' };

const formatDate = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const CARD = 'rounded-xl border border-slate-200 bg-white p-6 shadow-sm';

const NOTICES: Record<string, string> = {
  disabled:
    'Two-factor authentication is off. Your authenticator key and backup codes were deleted, and your other sessions were signed out.',
};

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<{ backupCodeUsed?: string; notice?: string }>;
}) {
  const { user, company, session } = await requireUser();
  const db = getDb();
  const [status, question] = await Promise.all([getCurrentTwoFactorStatus(user.id), findSecurityQuestion(db, user.id)]);
  // The methods sign-in will offer, from the same policy and TOTP state as the admin table and the API.
  const policy = policyFor({ company, user, totp: status.state });
  const totpBlocked = company.twoFactorRequired && !company.allowTotp;
  const otpDestination = maskedDestination(user, policy.otpChannel);
  const options = preferenceOptions({ company, policy, otpDestination });
  // Rendering only reads: the pending secret was created by "Set up authenticator app" (beginSetupAction).
  const secret =
    status.state === 'pending' ? await readPendingTotpSecret(db, { userId: user.id, startedBy: user.id }) : null;
  const search = await searchParams;
  const backupNotice = search.backupCodeUsed && status.state === 'on';

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Account › Security</h1>
      {search.notice && NOTICES[search.notice] && <FormMessage success={NOTICES[search.notice]} />}
      {backupNotice && (
        <FormMessage
          success={`You signed in with a backup code. You have ${status.backupCodesLeft} backup code${status.backupCodesLeft === 1 ? '' : 's'} left.`}
        />
      )}
      <section className={CARD} aria-labelledby="twofactor-title">
        <h2 id="twofactor-title" className="text-lg font-semibold">
          Two-Factor Authentication
        </h2>
        <p data-testid="twofactor-status" className="mt-1 text-sm text-slate-600">
          {status.state === 'on'
            ? `On since ${formatDate(status.since)} · Authenticator app · ${status.backupCodesLeft} backup code${status.backupCodesLeft === 1 ? '' : 's'} left`
            : status.state === 'pending'
              ? 'Setup in progress: add Latchkey to your authenticator app, then confirm below.'
              : company.twoFactorRequired
                ? `Required by ${company.name}: you get a code by ${policy.otpChannel === 'sms' ? 'SMS' : 'email'} (${otpDestination}) when you sign in.${totpBlocked ? '' : ' An authenticator app is the stronger choice.'}`
                : 'Off. Add a second step to sign-in so a stolen password is not enough.'}
        </p>

        {totpBlocked && status.state !== 'on' && (
          <p className="mt-4 text-sm text-slate-700">
            Your company does not use authenticator apps: you get a code by SMS or email when you sign in.
          </p>
        )}

        {status.state === 'off' && !totpBlocked && (
          <form action={beginSetupAction} className="mt-4">
            <SubmitButton pendingLabel="Preparing…">Set up authenticator app</SubmitButton>
          </form>
        )}

        {status.state === 'pending' && secret && (
          <div className="mt-6 space-y-6">
            <QrEnrollment uri={totpUri({ secret, accountName: user.email })} formattedKey={formatTotpKey(secret)} />
            <p className="text-sm text-slate-700">
              Then confirm with your password and the {TOTP_DIGITS}-digit code your app shows.
            </p>
            <EnableForm email={user.email} />
            <form action={cancelSetupAction}>
              <button type="submit" className="text-sm text-slate-600 underline hover:text-slate-900">
                Cancel setup
              </button>
            </form>
          </div>
        )}

        {status.state === 'on' && (
          <div className="mt-6 grid gap-8 sm:grid-cols-2">
            <div id="regenerate">
              <h3 className="font-medium">Backup codes</h3>
              {status.backupCodesLeft <= BACKUP_CODES_LOW && (
                <p className="mt-1 text-sm font-medium text-amber-800" data-testid="low-codes-warning">
                  Only {status.backupCodesLeft} left: create a new set now.
                </p>
              )}
              <p className="mb-3 mt-1 text-sm text-slate-600">A new set replaces the old one at once.</p>
              <RegenerateForm email={user.email} />
            </div>
            <div>
              <h3 className="font-medium">Turn off</h3>
              <p className="mb-3 mt-1 text-sm text-slate-600">
                Deletes your authenticator key and backup codes and signs out your other sessions.
              </p>
              <DisableForm />
            </div>
          </div>
        )}
      </section>

      {company.twoFactorRequired && options.length > 1 && (
        <section className={CARD} aria-labelledby="preference-title">
          <h2 id="preference-title" className="text-lg font-semibold">
            Preferred method
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            {company.name} requires a second factor. Choose what the sign-in page asks for first
            {!company.allowTotp || status.state === 'on' ? '.' : '; to use an authenticator app, set it up above.'}
          </p>
          <PreferenceForm key={`${policy.methods.join()}`} options={options} current={policy.methods[0]} />
        </section>
      )}

      <section className={CARD} aria-labelledby="password-title">
        <h2 id="password-title" className="mb-4 text-lg font-semibold">
          Password
        </h2>
        <PasswordForm />
      </section>

      <SessionsSection userId={user.id} currentSessionId={session.id} className={CARD} />

      <section className={CARD} aria-labelledby="question-title">
        <h2 id="question-title" className="text-lg font-semibold">
          Security question
        </h2>
        <p data-testid="question-status" className="mb-4 mt-1 text-sm text-slate-600">
          {question
            ? `Set on ${formatDate(question.setAt)}. You can change it below.`
            : 'Not set. If you ever can’t get your sign-in codes, support can use it, together with other checks, to help you back in.'}
        </p>
        <QuestionForm questions={SECURITY_QUESTIONS} />
      </section>
    </div>
  );
}
