import type { Metadata } from 'next';
import { SECURITY_QUESTIONS } from '@/lib/recovery/set-security-question';
import { findSecurityQuestion } from '@/lib/accounts/find-security-question';
import { getCurrentTwoFactorStatus, requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { formatDuration } from '@/lib/format-duration';
import { REAUTH_WINDOW_MS } from '@/lib/limits';
import { readReauthentication } from '@/lib/sessions/reauthentication';
import { maskedDestination } from '@/lib/sign-in/send-code';
import { preferenceOptions } from '@/lib/twofactor/preference-options';
import { readPendingTotpSecret } from '@/lib/twofactor/totp-credential';
import { policyFor } from '@/lib/twofactor/totp-state';
import { hasPasskey } from '@/lib/twofactor/passkeys';
import { FormMessage } from '@/components/form-message';
import { PasswordForm } from './password-form';
import { PreferenceForm } from './preference-form';
import { QuestionForm } from './question-form';
import { PasskeysSection } from './passkeys-section';
import { SessionsSection } from './sessions-section';
import { TwoFactorSection } from './two-factor-section';
import { DuoSetupLink } from './duo-setup-link';

export const metadata: Metadata = { title: 'Security · Latchkey' };

const formatDate = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const formatTime = (d: Date) =>
  d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';
const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

/** Until when this session's last confirmation (a password here or on the admin page, or a 2FA sign-in) covers changes. */
async function confirmedUntil(sessionId: string, now: Date): Promise<Date | null> {
  const stored = await readReauthentication(getDb(), sessionId);
  const last = Math.max(stored?.reauthenticatedAt?.getTime() ?? 0, stored?.secondFactorAt?.getTime() ?? 0);
  return last + REAUTH_WINDOW_MS > now.getTime() ? new Date(last + REAUTH_WINDOW_MS) : null;
}

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<{ backupCodeUsed?: string; notice?: string }>;
}) {
  const { user, company, session } = await requireUser();
  const db = getDb();
  const now = new Date();
  const [stored, question, until, passkey] = await Promise.all([
    getCurrentTwoFactorStatus(user.id),
    findSecurityQuestion(db, user.id),
    confirmedUntil(session.id, now),
    hasPasskey(db, user.id),
  ]);
  // Rendering only reads: the pending secret was created by "Set up authenticator app" (beginSetupAction).
  const secret =
    stored.state === 'pending' ? await readPendingTotpSecret(db, { userId: user.id, startedBy: user.id }) : null;
  // A setup cancelled meanwhile (another tab) is off: the page offers "Set up" again, never a dead end.
  const status = stored.state === 'pending' && !secret ? ({ state: 'off' } as const) : stored;
  // The methods sign-in will offer, from the same policy and TOTP state as the admin table and the API.
  const policy = policyFor({ company, user, totp: status.state, hasPasskey: passkey });
  const otpDestination = maskedDestination(user, policy.otpChannel);
  // Duo is the method once Duo Setup made it so (and while the company allows it).
  const duoReady = company.allowDuo && user.preferredMethod === 'duo';
  const options = preferenceOptions({ company, policy, otpDestination, duoReady });
  const currentMethod = duoReady ? 'duo' : policy.methods[0];
  const search = await searchParams;
  const confirmed = until !== null;
  const disabledNotice = company.twoFactorRequired
    ? `Your authenticator app is disabled, and its key and backup codes were deleted. ${company.name} requires two-factor authentication, so sign-in now asks for a code by ${policy.otpChannel === 'sms' ? 'text message' : 'email'}. Your other sessions were signed out.`
    : 'Two-factor authentication is off. Your authenticator key and backup codes were deleted, and your other sessions were signed out.';

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Account › Security</h1>
        <p data-testid="reauth-status" className="text-sm text-slate-600">
          {confirmed
            ? `You confirmed it’s you: until ${formatTime(until)}, changes on this page don’t ask for your password.`
            : `Changes on this page ask for your password once, then not again for ${formatDuration(REAUTH_WINDOW_MS)}.`}
        </p>
      </div>
      {search.notice === 'disabled' && status.state === 'off' && <FormMessage success={disabledNotice} />}
      {search.backupCodeUsed && status.state === 'on' && (
        <FormMessage
          success={`You signed in with a backup code. You have ${status.backupCodesLeft} backup code${status.backupCodesLeft === 1 ? '' : 's'} left.`}
        />
      )}
      <TwoFactorSection {...{ user, company, policy, status, secret, otpDestination, confirmed }} className={CARD} />
      <PasskeysSection userId={user.id} allowed={company.allowPasskeys} confirmed={confirmed} className={CARD} />

      {company.twoFactorRequired && options.length > 1 && (
        <section className={CARD} aria-labelledby="preference-title">
          <h2 id="preference-title" className="text-lg font-semibold">
            Preferred method
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            {company.name} requires two-factor authentication. Choose what sign-in asks for first
            {!company.allowTotp || status.state === 'on' ? '.' : '; to use an authenticator app, set it up above.'}
          </p>
          {/* New state when the choices change (an authenticator enabled), not when a save changes the method: the "Saved" stays. */}
          <PreferenceForm
            key={options.map((o) => `${o.value}:${o.disabled}`).join()}
            options={options}
            current={currentMethod}
            confirmed={confirmed}
          />
          {company.allowDuo && <DuoSetupLink userId={user.id} ready={duoReady} />}
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
        <QuestionForm questions={SECURITY_QUESTIONS} confirmed={confirmed} />
      </section>
    </div>
  );
}
