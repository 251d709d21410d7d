'use client';

import { ActionForm, useFieldError, useFieldValue } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import type { MethodOption } from '@/lib/twofactor/preference-options';
import { savePreferredMethod } from './preference-actions';
import { ReauthPassword } from './reauth-password';

type Props = { options: MethodOption[]; current: string; confirmed: boolean };

export function PreferenceForm({ options, current, confirmed }: Props) {
  const name = (method: string) => options.find((o) => o.value === method)?.name ?? method;
  return (
    <ActionForm
      action={savePreferredMethod}
      success={({ method }) => `Saved. Sign-in will ask for ${name(method)} first.`}
      className="max-w-md space-y-4"
      aria-label="Preferred method"
    >
      <MethodChoices options={options} current={current} />
      <ReauthPassword confirmed={confirmed} id="preference-password" />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
    </ActionForm>
  );
}

/** The radios keep the user's choice after an error: with JavaScript the DOM keeps it; without, the answer's values. */
function MethodChoices({ options, current }: { options: MethodOption[]; current: string }) {
  const error = useFieldError('method');
  const chosen = useFieldValue('method') || current;
  const firstEnabled = options.find((o) => !o.disabled)?.value;
  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">Preferred method</legend>
      {options.map((o) => (
        <label key={o.value} className={`flex items-start gap-3 ${o.disabled ? 'text-slate-500' : ''}`}>
          <input
            type="radio"
            name="method"
            value={o.value}
            defaultChecked={o.value === chosen}
            disabled={o.disabled}
            aria-invalid={error && o.value === firstEnabled ? true : undefined}
            aria-describedby={error ? 'method-error' : undefined}
            className="mt-1 h-4 w-4"
          />
          <span>
            {o.label}
            <span className="block text-xs text-slate-600">{o.note}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id="method-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
