import { QrEnrollment } from '@/components/qr-enrollment';
import type { CompanyUser } from '@/lib/admin/find-company-user';
import type { Company } from '@/lib/db/schema';
import { RESET_REASON_MAX_LENGTH } from '@/lib/limits';
import { formatTotpKey, totpUri } from '@/lib/twofactor/totp';
import { readTotpSecret } from '@/lib/twofactor/totp-credential';
import { totpState } from '@/lib/twofactor/totp-state';
import {
  activateTotpAction,
  beginTotpAction,
  cancelTotpAction,
  resetTwoFactorAction,
  setMethodAction,
} from './two-factor-actions';
import { ActivateTotpForm, StepForm } from './step-form';

const METHOD_NAMES = { otp: 'SMS/Email code', totp: 'Authenticator app', duo: 'Duo' } as const;

/** "Configure" 2FA for one user: SMS/email, an authenticator set up on this screen, Duo, or reset. */
export function TwoFactorPanel({
  target,
  company,
  adminId,
  readOnly = false,
}: {
  target: CompanyUser;
  company: Company;
  adminId: string;
  /** The admin's own page: the controls show, disabled, and no secret is ever read. */
  readOnly?: boolean;
}) {
  const { user, totp } = target;
  // A setup the user (or another admin) started is not this admin's to see: for them it is "off".
  const state = totpState(totp, adminId);
  // The pending secret is shown only while enrolment is in progress, never once it is active. Reading
  // it writes nothing: only "Set up authenticator app" (beginTotpAction) creates one.
  const secret = state === 'pending' && !readOnly ? readTotpSecret(totp!) : null;
  return (
    <div className="space-y-6">
      <p data-testid="admin-twofactor-status" className="text-sm text-slate-700">
        Authenticator app: {state === 'on' ? 'active' : state === 'pending' ? 'setup in progress' : 'not set up'} ·
        Preferred method: {user.preferredMethod ? METHOD_NAMES[user.preferredMethod] : 'none chosen'}
        {company.twoFactorRequired
          ? ' · Your company requires 2FA.'
          : ' · Your company does not require 2FA; an active authenticator still applies.'}
      </p>

      <div className="space-y-2">
        <h3 className="font-medium">SMS/Email code</h3>
        <p className="text-sm text-slate-600">
          A 6-digit code by text message to their mobile, or by email when they have none. SMS is the weaker method:
          prefer an authenticator app.
        </p>
        <StepForm action={setMethodAction} userId={user.id} label="Use SMS or email codes" button="Use SMS/Email code">
          <input type="hidden" name="method" value="otp" />
        </StepForm>
      </div>

      <div className="space-y-3">
        <h3 className="font-medium">Authenticator app</h3>
        {!company.allowTotp && (
          <p className="text-sm text-slate-600">Your company does not allow authenticator apps.</p>
        )}
        {company.allowTotp && state === 'off' && (
          <>
            <p className="text-sm text-slate-600">
              With the user beside you: a QR code appears here for them to scan, then you enter the code their phone
              shows.
            </p>
            <StepForm
              action={beginTotpAction}
              userId={user.id}
              label="Set up authenticator app"
              button="Set up authenticator app"
              pendingLabel="Preparing…"
            />
          </>
        )}
        {state === 'pending' && secret && (
          <>
            <QrEnrollment uri={totpUri({ secret, accountName: user.email })} formattedKey={formatTotpKey(secret)} />
            <ActivateTotpForm action={activateTotpAction} userId={user.id} />
            <StepForm
              action={cancelTotpAction}
              userId={user.id}
              label="Cancel authenticator setup"
              button="Cancel setup"
            />
          </>
        )}
        {state === 'on' && (
          <p className="text-sm text-slate-600">Active. To replace it, reset 2FA below and set it up again.</p>
        )}
        <p className="text-sm text-slate-600" data-testid="backup-codes-note">
          Backup codes are never shown to admins: {user.name} creates their own from Account › Security after signing
          in.
        </p>
      </div>

      {company.allowDuo && (
        <div className="space-y-2">
          <h3 className="font-medium">Duo</h3>
          <p className="text-sm text-slate-600">
            Chooses Duo as their method. Duo sign-in itself arrives in a later release; until then they get the other
            methods.
          </p>
          <StepForm action={setMethodAction} userId={user.id} label="Use Duo" button="Use Duo">
            <input type="hidden" name="method" value="duo" />
          </StepForm>
        </div>
      )}

      <div className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="font-medium">Reset 2FA</h3>
        <p className="text-sm text-slate-600">
          For a lost phone: deletes their authenticator and backup codes and signs them out everywhere. Check who is
          asking before you do this.
        </p>
        <StepForm
          action={resetTwoFactorAction}
          userId={user.id}
          label="Reset two-factor authentication"
          button="Reset 2FA"
          variant="danger"
          pendingLabel="Resetting…"
        >
          <label htmlFor="reset-reason" className="block text-sm font-medium text-slate-800">
            Reason (optional, kept in the audit log)
          </label>
          <input
            id="reset-reason"
            name="reason"
            maxLength={RESET_REASON_MAX_LENGTH}
            className="block w-full max-w-md rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="confirmed" className="mt-0.5 h-4 w-4" />I checked that I am talking to{' '}
            {user.name}, for example by calling a number I already know.
          </label>
        </StepForm>
      </div>
    </div>
  );
}
