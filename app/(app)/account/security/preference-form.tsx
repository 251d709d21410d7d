'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import type { MethodOption } from '@/lib/twofactor/preference-options';
import { savePreferredMethod } from './preference-actions';

export function PreferenceForm({ options, current }: { options: MethodOption[]; current: string }) {
  return (
    <ActionForm
      action={savePreferredMethod}
      success="Saved. You will be asked for this method first."
      className="max-w-md space-y-4"
      aria-label="Preferred method"
    >
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
    </ActionForm>
  );
}
