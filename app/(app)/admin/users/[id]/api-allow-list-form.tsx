'use client';

import { ActionForm, useFieldError, useFieldValue } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { setAllowListAction } from './api-account-actions';

/** The addresses the account may call from, one range per line; empty means any address. */
export function AllowListForm({ userId, current }: { userId: string; current: string[] }) {
  return (
    <ActionForm
      action={setAllowListAction}
      success={(d) => (d.changed ? 'Saved.' : 'Nothing changed.')}
      className="max-w-md space-y-3"
      aria-label="Allowed addresses"
    >
      <input type="hidden" name="userId" value={userId} />
      <AllowListField current={current.join('\n')} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save allowed addresses
      </SubmitButton>
    </ActionForm>
  );
}

function AllowListField({ current }: { current: string }) {
  const error = useFieldError('allowList');
  const returned = useFieldValue('allowList');
  const describedBy = ['allow-list-hint', error && 'allow-list-error'].filter(Boolean).join(' ');
  return (
    <div className="space-y-1">
      <label htmlFor="allow-list" className="block text-sm font-medium text-slate-800">
        Allowed addresses
      </label>
      <textarea
        id="allow-list"
        name="allowList"
        rows={4}
        defaultValue={returned ?? current}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm text-slate-900 ${error ? 'border-red-500' : 'border-slate-300'}`}
      />
      <p id="allow-list-hint" className="text-xs text-slate-600">
        One IP address or range per line, like 203.0.113.0/24 or 2001:db8::/32. Calls from anywhere else are refused.
        Leave it empty to allow any address.
      </p>
      {error && (
        <p id="allow-list-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
