'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { OtpInput } from '@/components/otp-input';
import { SubmitButton } from '@/components/submit-button';
import type { ReauthMethod } from '@/lib/twofactor/reauthenticate-session';
import { TOTP_DIGITS } from '@/lib/limits';
import { confirmIdentityAction } from './actions';

const FORMS: Record<ReauthMethod, { label: string; button: string }> = {
  password: { label: 'Confirm with password', button: 'Confirm' },
  totp: { label: 'Confirm with authenticator app', button: 'Confirm with code' },
  // Not “backup code”: the form's name must not contain its field's label.
  backup: { label: 'Confirm with a saved code', button: 'Confirm with backup code' },
};

/** One way to confirm: the password, a code from the authenticator app, or a backup code. */
export function ConfirmForm({ method, next }: { method: ReauthMethod; next: string }) {
  return (
    <ActionForm action={confirmIdentityAction} className="space-y-3" aria-label={FORMS[method].label}>
      <input type="hidden" name="method" value={method} />
      <input type="hidden" name="next" value={next} />
      {method === 'password' && (
        <Field
          id="confirm-password"
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
        />
      )}
      {method === 'totp' && (
        <OtpInput id="confirm-totp" label={`${TOTP_DIGITS}-digit code from your authenticator app`} />
      )}
      {method === 'backup' && (
        <Field id="confirm-backup" label="Backup code" name="code" autoComplete="off" spellCheck={false} required />
      )}
      <SubmitButton variant={method === 'password' ? 'primary' : 'secondary'} pendingLabel="Checking…">
        {FORMS[method].button}
      </SubmitButton>
    </ActionForm>
  );
}
