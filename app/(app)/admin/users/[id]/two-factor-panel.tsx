import { Field } from '@/components/field';
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
import { ActivateTotpForm, ConfirmCheckbox, StepForm } from './step-form';
import { DuoPanel } from './duo-panel';
import type { DuoEnrollment } from '@/lib/twofactor/start-duo-setup';

const METHOD_NAMES = {
  otp: 'SMS/Email',
  totp: 'Authenticator app',
  duo: 'Duo',
  passkey: 'Passkey or security key',
} as const;

/** "Configure" 2FA for one user: SMS/Email, an authenticator set up on this screen, Duo, or reset. */
export function TwoFactorPanel({
  target,
  company,
  adminId,
  readOnly = false,
  describeOnly = false,
  duoPending = null,
}: {
  target: CompanyUser;
  company: Company;
  adminId: string;
  /** The admin's own page: the controls show, disabled, and no secret is ever read. */
  readOnly?: boolean;
  /** A viewer without users:2fa: a description of the user's 2FA, and no controls at all. */
  describeOnly?: boolean;
  /** A Duo Setup in progress for this user (its barcode shows here). */
  duoPending?: DuoEnrollment | null;
}) {
  const { user, totp } = target;
  // A setup the user (or another admin) started is not this admin's to see: for them it is "off".
  const state = totpState(totp, adminId);
  // The pending secret is shown only while enrolment is in progress, never once it is active. Reading
  // it writes nothing: only "Set up authenticator app" (beginTotpAction) creates one.
  const secret = state === 'pending' && !readOnly && !describeOnly ? readTotpSecret(totp!) : null;
  const status = (
    <p data-testid="admin-twofactor-status" className="text-sm text-slate-700">
      Authenticator app: {state === 'on' ? 'active' : state === 'pending' ? 'setup in progress' : 'not set up'} ·
      Preferred method: {user.preferredMethod ? METHOD_NAMES[user.preferredMethod] : 'none chosen'}
      {company.twoFactorRequired
        ? ' · Your company requires two-factor authentication.'
        : ' · Your company does not require two-factor authentication; an active authenticator app still applies.'}
    </p>
  );
  if (describeOnly)
    return (
      <div className="space-y-3" data-testid="admin-twofactor-description">
        {status}
        <p className="text-sm text-slate-600">
          Your role can see how {user.name} signs in, but not configure or reset it.
        </p>
      </div>
    );
  return (
    <div className="space-y-6">
      {status}

      <div className="space-y-2">
        <h3 className="font-medium">SMS/Email</h3>
        <p className="text-sm text-slate-600">
          A 6-digit sign-in code by text message to their mobile, or by email when they have none. SMS is the weaker
          method: prefer an authenticator app.
        </p>
        <StepForm action={setMethodAction} userId={user.id} label="Use SMS/Email" button="Use SMS/Email">
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
          <p className="text-sm text-slate-600">
            To replace it, reset two-factor authentication below and set it up again.
          </p>
        )}
        <p className="text-sm text-slate-600" data-testid="backup-codes-note">
          Backup codes are never shown to admins: {user.name} creates their own from Account › Security after signing
          in.
        </p>
      </div>

      {company.allowDuo && <DuoPanel user={user} pending={readOnly ? null : duoPending} />}

      <div className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="font-medium">Reset two-factor authentication</h3>
        <p className="text-sm text-slate-600">
          For a lost phone: deletes their authenticator app and backup codes and signs them out everywhere. Check who is
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
          <Field
            id="reset-reason"
            label="Reason (optional, shown in Activity)"
            name="reason"
            maxLength={RESET_REASON_MAX_LENGTH}
            className="max-w-md text-sm"
          />
          <ConfirmCheckbox name="confirmed" id="reset-confirmed">
            I checked that I am talking to {user.name}, for example by calling a number I already know.
          </ConfirmCheckbox>
        </StepForm>
      </div>
    </div>
  );
}
