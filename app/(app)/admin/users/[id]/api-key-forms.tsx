'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { TableRegion } from '@/components/table-region';
import { API_KEY_MAX_LIFETIME_DAYS, API_KEY_NAME_MAX_LENGTH } from '@/lib/limits';
import { createApiKeyAction, revokeApiKeyAction } from './api-account-actions';
import { OneTimeSecret } from './one-time-secret';
import { ConfirmCheckbox } from './step-form';

/** A key as the table shows it: dates already written out by the server, never the secret. */
export type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  created: string;
  createdBy: string | null;
  expires: string;
  lastUsed: string;
  status: 'active' | 'expired' | 'revoked';
};

const STATUS = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

/** Name and optional expiry; the token appears here once, with how to send it. */
export function CreateKeyForm({ userId, firstDay, lastDay }: { userId: string; firstDay: string; lastDay: string }) {
  return (
    <ActionForm
      action={createApiKeyAction}
      success={(d) => `Created the key “${d.name}”. Copy it now.`}
      resetOnSuccess
      className="max-w-md space-y-3"
      aria-label="Create API key"
    >
      {(state) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          {state?.ok && (
            <OneTimeSecret title={`The key “${state.data.name}”`} secret={state.data.token} testId="api-key-token">
              <p>
                Send it in the <code>Authorization</code> header of every call:{' '}
                <code className="break-all">Authorization: Bearer {state.data.token.slice(0, 7)}…</code>
              </p>
            </OneTimeSecret>
          )}
          <Field
            id="api-key-name"
            label="Key name"
            name="name"
            autoComplete="off"
            required
            maxLength={API_KEY_NAME_MAX_LENGTH}
            hint="What uses it, like “Nightly export”: it tells the keys apart here and in Activity."
          />
          <Field
            id="api-key-expires"
            label="Expires on (optional)"
            name="expiresOn"
            type="date"
            min={firstDay}
            max={lastDay}
            hint={`The key stops working when this day begins (00:00 UTC), at most ${API_KEY_MAX_LIFETIME_DAYS} days from today. Leave it empty for a key that does not expire.`}
          />
          <SubmitButton variant="secondary" pendingLabel="Creating…">
            Create API key
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/**
 * The account's keys with a Revoke button each, in one form (each button names its key), so the
 * confirmation survives the table changing once the page refreshes.
 */
export function KeysTable({ userId, keys }: { userId: string; keys: KeyRow[] }) {
  if (keys.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="no-api-keys">
        No API keys yet. The account calls the API with its password until you create one.
      </p>
    );
  return (
    <ActionForm action={revokeApiKeyAction} success={(done) => done} className="space-y-3" aria-label="API keys">
      <input type="hidden" name="userId" value={userId} />
      <TableRegion label="API keys">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">Name</th>
              <th className="px-3 py-2 font-medium">Key</th>
              <th className="hidden px-3 py-2 font-medium sm:table-cell">Created</th>
              <th className="hidden px-3 py-2 font-medium sm:table-cell">Expires</th>
              <th className="hidden px-3 py-2 font-medium sm:table-cell">Last used</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">
                <span className="sr-only">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {keys.map((key) => (
              <tr key={key.id} data-testid="api-key-row">
                <td className="px-3 py-2 font-medium [overflow-wrap:anywhere]">{key.name}</td>
                <td className="px-3 py-2 font-mono whitespace-nowrap">{key.prefix}…</td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  {key.created}
                  {key.createdBy && <span className="block text-xs text-slate-600">by {key.createdBy}</span>}
                </td>
                <td className="hidden px-3 py-2 sm:table-cell">{key.expires}</td>
                <td className="hidden px-3 py-2 sm:table-cell">{key.lastUsed}</td>
                <td className="px-3 py-2" data-testid="api-key-status">
                  {STATUS[key.status]}
                </td>
                <td className="px-3 py-2">
                  {key.status !== 'revoked' && (
                    <div className="flex flex-col items-start gap-2">
                      <ConfirmCheckbox
                        name="confirmRevoke"
                        value={key.id}
                        id={`confirm-${key.id}`}
                        error={`confirm-${key.id}`}
                      >
                        Revoke “{key.name}”: whatever uses it stops working
                      </ConfirmCheckbox>
                      <SubmitButton
                        name="keyId"
                        value={key.id}
                        variant="danger"
                        pendingLabel="Revoking…"
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </SubmitButton>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </ActionForm>
  );
}
