import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { SignInAgain } from '@/components/sign-in-again';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { CHALLENGE_MAX_ATTEMPTS, LOGIN_CODE_RESEND_COOLDOWN_MS } from '@/lib/limits';
import { findChallenge } from '@/lib/sign-in/find-challenge';
import type { ChallengeMethod } from '@/lib/twofactor/policy';
import { maskedDestination } from '@/lib/sign-in/send-code';
import { OtpPanel } from './otp-panel';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: 'Two-factor check · Latchkey' };

const LINK = 'font-medium text-indigo-700 hover:underline';
const SUBTITLES: Record<ChallengeMethod, string> = {
  totp: 'Enter the 6-digit code from your authenticator app.',
  backup: 'Enter one of your backup codes. Each code works once.',
  otp: 'Enter the 6-digit code we sent you.',
};
const SWITCH_LABELS: Record<ChallengeMethod, string> = {
  totp: 'Use your authenticator app',
  backup: 'Use Backup Code',
  otp: 'Get a code by SMS or email',
};

type Search = { method?: string; sendFailed?: string; stepUp?: string };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<Search> }) {
  const token = await readChallengeCookie();
  // One query brings the challenge, the user, the policy and the code sent: this page is on every sign-in's path.
  const open = token ? await loadPage(() => findChallenge(getDb(), token)) : null;
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
  const methods: ChallengeMethod[] = policy.methods;
  const method = methods.find((m) => m === search.method) ?? methods[0];
  const code = method === 'otp' ? open.loginCode : null;
  const channel = code?.channel ?? policy.otpChannel;
  const other = channel === 'sms' ? 'email' : 'sms';
  const otherDestination = maskedDestination(open.user, other);

  return (
    <AuthCard
      title="Two-factor authentication"
      subtitle={
        <>
          {search.stepUp && (
            <span className="mb-2 block">Your company now requires a second step when you sign in.</span>
          )}
          {SUBTITLES[method]}
        </>
      }
      footer={
        <div className="space-y-2">
          {methods
            .filter((m) => m !== method)
            .map((m) => (
              <Link key={m} href={`/login/verify?method=${m}`} className={`block ${LINK}`}>
                {SWITCH_LABELS[m]}
              </Link>
            ))}
          <Link href="/login/recover" className="block text-slate-600 hover:underline">
            {methods.includes('totp') ? 'Lost access to your device and backup codes?' : 'Can’t get your code?'}
          </Link>
        </div>
      }
    >
      {method === 'otp' && (
        <div className="mb-4">
          <OtpPanel
            channel={channel}
            destination={maskedDestination(open.user, channel) ?? ''}
            sent={
              code
                ? {
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
      <VerifyForm key={method} method={method} />
    </AuthCard>
  );
}
