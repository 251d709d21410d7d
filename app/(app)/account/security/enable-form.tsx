'use client';

import { useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { BackupCodesReveal } from '@/components/backup-codes-reveal';
import { OtpInput } from '@/components/otp-input';
import { SubmitButton } from '@/components/submit-button';
import { TOTP_DIGITS } from '@/lib/limits';
import { ReauthPassword } from './reauth-password';
import { enableAction, type CodesResult } from './two-factor-actions';

type Props = { email: string; confirmed: boolean; setupPending: boolean };

/**
 * Rendered whatever the 2FA state (with a stable key): after a post without JavaScript the page
 * renders as "on", and this form must still be there to show the codes from the action's answer.
 */
export function EnableForm({ email, confirmed, setupPending }: Props) {
  const [dismissed, setDismissed] = useState<CodesResult | null>(null);
  return (
    <ActionForm
      action={enableAction}
      className={setupPending ? 'max-w-sm space-y-4' : undefined}
      aria-label={setupPending ? 'Enable two-factor authentication' : undefined}
    >
      {(state) =>
        state?.ok && state !== dismissed ? (
          <BackupCodesReveal
            codes={state.data.codes}
            accountEmail={email}
            createdAt={state.data.createdAt}
            onDone={() => setDismissed(state)}
          />
        ) : setupPending ? (
          <>
            <ReauthPassword confirmed={confirmed} id="enable-password" />
            <OtpInput label={`${TOTP_DIGITS}-digit code from the app`} />
            <SubmitButton pendingLabel="Enabling…">Enable Two-Factor Authentication</SubmitButton>
          </>
        ) : null
      }
    </ActionForm>
  );
}
