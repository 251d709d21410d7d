import { DuoActivation } from '@/components/duo-activation';
import { Field } from '@/components/field';
import type { User } from '@/lib/db/schema';
import { duoUsernameOf } from '@/lib/twofactor/duo-setup-target';
import type { DuoEnrollment } from '@/lib/twofactor/start-duo-setup';
import { setDuoUsernameAction, startUserDuoSetupAction } from './duo-actions';
import { StepForm } from './step-form';

/**
 * "Configure" → Duo for one user: the name Duo knows them by, and Duo Setup with the user beside the
 * admin (the barcode and its progress appear here, served and polled through our own routes).
 */
export function DuoPanel({ user, pending }: { user: User; pending: DuoEnrollment | null }) {
  return (
    <div className="space-y-3">
      <h3 className="font-medium">Duo</h3>
      <p className="text-sm text-slate-600" data-testid="admin-duo-status">
        Duo is asked about <strong>{duoUsernameOf(user)}</strong>.{' '}
        {user.preferredMethod === 'duo' ? 'Duo is their preferred method.' : 'Duo is not their method yet.'}
      </p>
      <StepForm action={setDuoUsernameAction} userId={user.id} label="Duo username" button="Save Duo username">
        <Field
          id="duo-username"
          label="Duo username (optional)"
          name="duoUsername"
          defaultValue={user.duoUsername ?? ''}
          autoComplete="off"
          hint="Only when their name in Duo is not their email address."
          className="max-w-md"
        />
      </StepForm>
      <p className="text-sm text-slate-600">
        Duo Setup checks that Duo knows them, or shows a barcode here for their phone to scan in Duo Mobile.
      </p>
      <StepForm
        action={startUserDuoSetupAction}
        userId={user.id}
        label="Duo Setup"
        button="Duo Setup"
        pendingLabel="Asking Duo…"
      />
      {pending && (
        <DuoActivation
          userId={user.id}
          barcodeSrc={`/admin/users/${user.id}/duo-setup/barcode`}
          statusUrl={`/admin/users/${user.id}/duo-setup/status`}
          activationUrl={pending.activationUrl}
          expiresAt={pending.expiresAt.toISOString()}
          activatedText="Their phone is activated: Duo is now their sign-in method."
        />
      )}
    </div>
  );
}
