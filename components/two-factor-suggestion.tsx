import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Company, User } from '@/lib/db/schema';
import { maskedDestination } from '@/lib/sign-in/send-code';
import type { TwoFactorStatus } from '@/lib/twofactor/status';
import { policyFor } from '@/lib/twofactor/totp-state';

type Props = { user: User; company: Company; status: TwoFactorStatus; canConfigureCompany: boolean };

const BUTTON =
  'inline-flex min-h-10 items-center rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const LINK = 'inline-flex min-h-6 items-center font-medium text-indigo-700 underline-offset-2 hover:underline';

/**
 * The home page's word on the user's own two-factor authentication, from the same policy sign-in
 * uses: a user without a second factor is asked to set one up; one whose company requires it and
 * who gets sign-in codes by email or text message is told so (and offered the stronger app).
 */
export function TwoFactorSuggestion({ user, company, status, canConfigureCompany }: Props) {
  const policy = policyFor({ company, user, totp: status.state });
  const totpBlocked = company.twoFactorRequired && !company.allowTotp;
  const codes = `a sign-in code by ${policy.otpChannel === 'sms' ? 'text message' : 'email'} (${maskedDestination(user, policy.otpChannel)})`;
  const security = (
    <Link href="/account/security" className={LINK}>
      Account › Security
    </Link>
  );

  if (status.state === 'on' && policy.methods.includes('totp'))
    return (
      <Card title="Two-factor authentication is on">
        <p>
          You sign in with your password and your authenticator app. You have {status.backupCodesLeft} backup code
          {status.backupCodesLeft === 1 ? '' : 's'} left. Manage them in {security}.
        </p>
      </Card>
    );
  if (status.state === 'pending')
    return (
      <Card title="Finish setting up your authenticator app" action={['Finish setup', '/account/security']}>
        <p>
          You started setting it up but have not confirmed a code yet.{' '}
          {policy.required
            ? `Until you do, you get ${codes} when you sign in.`
            : 'Until you do, your password alone signs you in.'}
        </p>
      </Card>
    );
  if (policy.required)
    return (
      <Card
        title={`${company.name} requires two-factor authentication`}
        action={totpBlocked ? undefined : ['Set up authenticator app', '/account/security']}
      >
        <p>When you sign in, you get {codes}.</p>
        <p>
          {totpBlocked ? (
            <>Your preferred method and backup options are in {security}.</>
          ) : (
            <>An authenticator app is the stronger choice: it works without signal and its codes are never sent.</>
          )}
        </p>
      </Card>
    );
  return (
    <Card
      title="Protect your account with two-factor authentication"
      action={['Set up two-factor authentication', '/account/security']}
    >
      <p>
        Right now your password alone signs you in. Add an authenticator app in Account › Security, so a stolen password
        is not enough.
      </p>
      {canConfigureCompany && (
        <p>
          As an admin, you can also require it for everyone at {company.name} in{' '}
          <Link href="/admin/company" className={LINK}>
            Company › 2F Authentication
          </Link>
          .
        </p>
      )}
    </Card>
  );
}

function Card({ title, action, children }: { title: string; action?: [string, string]; children: ReactNode }) {
  return (
    <section
      aria-labelledby="home-two-factor-title"
      className="max-w-2xl space-y-3 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="home-two-factor"
    >
      <h2 id="home-two-factor-title" className="text-lg font-semibold">
        {title}
      </h2>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
      {action && (
        <Link href={action[1]} className={BUTTON}>
          {action[0]}
        </Link>
      )}
    </section>
  );
}
