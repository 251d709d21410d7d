import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { SignInAgain } from '@/components/sign-in-again';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { CHALLENGE_MAX_ATTEMPTS, LOGIN_CODE_RESEND_COOLDOWN_MS } from '@/lib/limits';
import { findApprovedRecovery } from '@/lib/sign-in/approved-recovery';
import { findChallenge } from '@/lib/sign-in/find-challenge';
import type { ChallengeMethod } from '@/lib/twofactor/policy';
import { maskedDestination } from '@/lib/sign-in/send-code';
import { trustedBrowserDays } from '@/lib/sessions/trusted-browsers';
import { ApprovedRecoveryForm } from './approved-recovery-form';
import { DuoSection } from './duo-section';
import { OtpPanel } from './otp-panel';
import { PasskeyPanel } from './passkey-panel';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: 'Two-factor authentication · Latchkey' };

const LINK = 'inline-block py-1 font-medium text-indigo-700 hover:underline';
const SWITCH_LABELS: Record<ChallengeMethod, string> = {
  totp: 'Use your authenticator app',
  backup: 'Use Backup Code',
  otp: 'Get a sign-in code by text message or email',
  duo: 'Use Duo',
  passkey: 'Use a passkey or security key',
};

type Search = { method?: string; sendFailed?: string; stepUp?: string };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<Search> }) {
  const token = await readChallengeCookie();
  const db = getDb();
  // One query brings the challenge, the user, the policy and the code sent: this page is on every sign-in's path.
  const open = token ? await loadPage(() => findChallenge(db, token)) : null;
  if (!open) {
    return <SignInAgain subtitle="This sign-in has expired or was already completed." />;
  }
  if (open.challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) {
    return <SignInAgain subtitle="Too many wrong codes for this sign-in." />;
  }
  const search = await searchParams;
  const { policy } = open;
  if (!policy.required) {
    return <SignInAgain subtitle="Your company changed its two-factor settings while you were signing in." />;
  }
  const approved = await loadPage(() => findApprovedRecovery(db, { userId: open.user.id }));
  const methods: ChallengeMethod[] = policy.methods;
  const method = methods.find((m) => m === search.method) ?? methods[0];
  const code = method === 'otp' ? open.loginCode : null;
  const channel = code?.channel ?? policy.otpChannel;
  const other = channel === 'sms' ? 'email' : 'sms';
  const otherDestination = maskedDestination(open.user, other);
  const trustDays = trustedBrowserDays(open.company.trustedBrowserDays);
  const instruction =
    method === 'passkey'
      ? 'Use your passkey or security key.'
      : method === 'duo'
        ? 'Confirm it’s you with Duo.'
        : method === 'totp'
          ? 'Enter the authenticator code from your app.'
          : method === 'backup'
            ? 'Enter one of your backup codes. Each code works once.'
            : code
              ? 'Enter the sign-in code we sent you.'
              : 'Send yourself a sign-in code, then enter it here.';

  return (
    <AuthCard
      title="Two-factor authentication"
      subtitle={
        <>
          <span className="block font-medium text-slate-800">Confirm it’s you</span>
          {search.stepUp && (
            <span className="mt-1 block">Your company now requires two-factor authentication when you sign in.</span>
          )}
          <span className="mt-1 block" data-testid="challenge-instruction">
            {approved ? 'Your administrator approved your recovery request.' : instruction}
          </span>
        </>
      }
      footer={
        <div className="space-y-1">
          {methods
            .filter((m) => m !== method)
            .map((m) => (
              <p key={m}>
                <Link href={`/login/verify?method=${m}`} className={LINK}>
                  {SWITCH_LABELS[m]}
                </Link>
              </p>
            ))}
          <p>
            <Link href="/login/recover" className="inline-block py-1 text-slate-700 underline-offset-2 hover:underline">
              {methods.includes('totp') ? 'Can’t use your authenticator app or backup codes?' : 'Can’t get your code?'}
            </Link>
          </p>
        </div>
      }
    >
      {approved ? (
        <div className="mb-6">
          <ApprovedRecoveryForm until={approved.until.getTime()} approvedBy={approved.approvedBy} />
        </div>
      ) : null}
      {method === 'otp' && (
        <div className="mb-4">
          <OtpPanel
            channel={channel}
            destination={maskedDestination(open.user, channel) ?? ''}
            sent={
              code
                ? {
                    sentAt: code.sentAt.getTime(),
                    expiresAt: code.expiresAt.getTime(),
                    resendAt: code.sentAt.getTime() + LOGIN_CODE_RESEND_COOLDOWN_MS,
                  }
                : null
            }
            otherChannel={otherDestination ? { channel: other, destination: otherDestination } : null}
            sendFailed={Boolean(search.sendFailed)}
          />
        </div>
      )}
      {method === 'duo' && !approved && <DuoSection open={open} trustDays={trustDays} />}
      {method === 'passkey' && !approved && <PasskeyPanel />}
      {method !== 'duo' && method !== 'passkey' && (method !== 'otp' || code) && (
        <VerifyForm key={method} method={method} trustDays={trustDays} />
      )}
    </AuthCard>
  );
}
