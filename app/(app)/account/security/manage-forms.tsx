'use client';

import { useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { BackupCodesReveal } from '@/components/backup-codes-reveal';
import { SubmitButton } from '@/components/submit-button';
import { ReauthPassword } from './reauth-password';
import { disableAction, regenerateAction, type CodesResult } from './two-factor-actions';

export function RegenerateForm({ email, confirmed }: { email: string; confirmed: boolean }) {
  const [dismissed, setDismissed] = useState<CodesResult | null>(null);
  return (
    <ActionForm action={regenerateAction} className="space-y-3" aria-label="Create new backup codes">
      {(state) =>
        state?.ok && state !== dismissed ? (
          <BackupCodesReveal
            codes={state.data.codes}
            accountEmail={email}
            createdAt={state.data.createdAt}
            onDone={() => setDismissed(state)}
          />
        ) : (
          <>
            <ReauthPassword confirmed={confirmed} id="regenerate-password" />
            <SubmitButton variant="secondary" pendingLabel="Creating…">
              Regenerate Recovery Codes
            </SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}

export function DisableForm({ confirmed }: { confirmed: boolean }) {
  return (
    <ActionForm action={disableAction} className="space-y-3" aria-label="Disable two-factor authentication">
      <ReauthPassword confirmed={confirmed} id="disable-password" />
      <SubmitButton variant="danger" pendingLabel="Disabling…">
        Disable
      </SubmitButton>
    </ActionForm>
  );
}
