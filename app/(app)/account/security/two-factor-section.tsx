import type { Company, User } from '@/lib/db/schema';
import { BACKUP_CODES_LOW, TOTP_DIGITS } from '@/lib/limits';
import type { Policy } from '@/lib/twofactor/policy';
import type { TwoFactorStatus } from '@/lib/twofactor/status';
import { formatTotpKey, totpUri } from '@/lib/twofactor/totp';
import { QrEnrollment } from '@/components/qr-enrollment';
import { SubmitButton } from '@/components/submit-button';
import { beginSetupAction, cancelSetupAction } from './two-factor-actions';
import { EnableForm } from './enable-form';
import { DisableForm, RegenerateForm } from './manage-forms';

type Props = {
  user: User;
  company: Company;
  policy: Policy;
  status: TwoFactorStatus;
  secret: string | null;
  otpDestination: string | null;
  confirmed: boolean;
  className: string;
};

const formatDate = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one sentence about the user's 2FA: what sign-in asks for now (the company's rule included). */
export function statusLine({
  company,
  policy,
  status,
  otpDestination,
}: Omit<Props, 'user' | 'secret' | 'confirmed' | 'className'>) {
  const emailedCode = `a sign-in code by ${policy.otpChannel === 'sms' ? 'text message' : 'email'}${otpDestination ? ` (${otpDestination})` : ''}`;
  if (status.state === 'on')
    return `On since ${formatDate(status.since)} with your authenticator app · ${plural(status.backupCodesLeft, 'backup code')} left.`;
  if (company.twoFactorRequired) {
    const stronger = company.allowTotp ? ' An authenticator app is the stronger choice.' : '';
    const setup = status.state === 'pending' ? ' Setup of your authenticator app is in progress.' : stronger;
    return `On: ${company.name} requires it. You get ${emailedCode} when you sign in.${setup}`;
  }
  if (status.state === 'pending') return 'Off until you finish setting up your authenticator app below.';
  return 'Off. Add a second step to sign-in so a stolen password is not enough.';
}

export function TwoFactorSection(props: Props) {
  const { user, company, status, secret, confirmed, className } = props;
  const totpBlocked = company.twoFactorRequired && !company.allowTotp;
  const setupPending = status.state === 'pending' && Boolean(secret);
  return (
    <section className={className} aria-labelledby="twofactor-title">
      <h2 id="twofactor-title" className="text-lg font-semibold">
        Two-factor authentication
      </h2>
      <p data-testid="twofactor-status" className="mt-1 text-sm text-slate-600">
        {statusLine(props)}
      </p>
      {totpBlocked && status.state !== 'on' && (
        <p className="mt-4 text-sm text-slate-700">{company.name} does not use authenticator apps.</p>
      )}
      {status.state === 'off' && !totpBlocked && (
        <form action={beginSetupAction} className="mt-4">
          <SubmitButton pendingLabel="Preparing…">Set up authenticator app</SubmitButton>
        </form>
      )}
      {setupPending && (
        <div className="mt-6 space-y-4">
          <QrEnrollment
            uri={totpUri({ secret: secret!, accountName: user.email })}
            formattedKey={formatTotpKey(secret!)}
          />
          <p className="text-sm text-slate-700">
            Then enable it with the {TOTP_DIGITS}-digit code your app shows{confirmed ? '' : ' and your password'}.
          </p>
        </div>
      )}
      {/* Always here, under one key: it shows the codes from the answer, even after a post without JavaScript. */}
      <div className={setupPending ? 'mt-4' : undefined}>
        <EnableForm key="enable" email={user.email} confirmed={confirmed} setupPending={setupPending} />
      </div>
      {setupPending && (
        <form action={cancelSetupAction} className="mt-4">
          <button type="submit" className="py-1 text-sm text-slate-600 underline hover:text-slate-900">
            Cancel setup
          </button>
        </form>
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
            <RegenerateForm email={user.email} confirmed={confirmed} />
          </div>
          <div>
            <h3 className="font-medium">Disable</h3>
            <p className="mb-3 mt-1 text-sm text-slate-600">
              Deletes your authenticator key and backup codes and signs out your other sessions.
            </p>
            <DisableForm confirmed={confirmed} />
          </div>
        </div>
      )}
    </section>
  );
}
