'use client';

import { useActionState, useState } from 'react';
import { BackupCodesReveal } from '@/components/backup-codes-reveal';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { disableAction, regenerateAction } from './two-factor-actions';

export function RegenerateForm({ email }: { email: string }) {
  const [state, action] = useActionState(regenerateAction, null);
  const [dismissed, setDismissed] = useState<typeof state>(null);
  if (state?.ok && state !== dismissed) {
    return (
      <BackupCodesReveal
        codes={state.data.codes}
        accountEmail={email}
        createdAt={state.data.createdAt}
        onDone={() => setDismissed(state)}
      />
    );
  }
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Regenerate recovery codes">
      <FormMessage error={state && !state.ok ? state.error : null} />
      <Field
        label="Password"
        name="password"
        id="regenerate-password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton variant="secondary" pendingLabel="Creating…">
        Regenerate Recovery Codes
      </SubmitButton>
    </form>
  );
}

export function DisableForm() {
  const [state, action] = useActionState(disableAction, null);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Disable two-factor authentication">
      <FormMessage error={state && !state.ok ? state.error : null} />
      <Field
        label="Password"
        name="password"
        id="disable-password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton variant="danger" pendingLabel="Turning off…">
        Disable
      </SubmitButton>
    </form>
  );
}
