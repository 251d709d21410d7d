'use client';

import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import type { MethodOption } from '@/lib/twofactor/preference-options';
import { savePreferredMethod } from './preference-actions';

export function PreferenceForm({ options, current }: { options: MethodOption[]; current: string }) {
  const [state, action] = useActionState(savePreferredMethod, null);
  return (
    <form action={action} className="max-w-md space-y-4" noValidate aria-label="Preferred method">
      <FormMessage
        error={state && !state.ok ? state.error : null}
        success={state?.ok ? 'Saved. You will be asked for this method first.' : null}
      />
      <fieldset className="space-y-2">
        <legend className="sr-only">Preferred method</legend>
        {options.map((o) => (
          <label key={o.value} className={`flex items-start gap-3 ${o.disabled ? 'text-slate-400' : ''}`}>
            <input
              type="radio"
              name="method"
              value={o.value}
              defaultChecked={o.value === current}
              disabled={o.disabled}
              className="mt-1 h-4 w-4"
            />
            <span>
              {o.label}
              <span className="block text-xs text-slate-500">{o.note}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label="Password"
        name="password"
        id="preference-password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
