import { listApiKeys, type ApiKeyRow } from '@/lib/api-keys/list-api-keys';
import { getDb } from '@/lib/db/client';
import type { User } from '@/lib/db/schema';
import { API_KEY_MAX_LIFETIME_DAYS, DAY_MS } from '@/lib/limits';
import { plainAddress } from '@/lib/net/cidr';
import { hasPermission } from '@/lib/roles/permissions';
import { MarkApiAccountForm, RotatePasswordForm, UnmarkForm } from './api-account-forms';
import { AllowListForm } from './api-allow-list-form';
import { CreateKeyForm, KeysTable, type KeyRow } from './api-key-forms';

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';
const when = (d: Date) =>
  `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
const day = (d: Date) => d.toISOString().slice(0, 10);

function keyRow(key: ApiKeyRow): KeyRow {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    created: when(key.createdAt),
    createdBy: key.createdBy,
    expires: key.revokedAt ? `Revoked ${when(key.revokedAt)}` : key.expiresAt ? when(key.expiresAt) : 'Never',
    lastUsed: key.lastUsedAt
      ? `${when(key.lastUsedAt)}${key.lastUsedIp ? ` from ${plainAddress(key.lastUsedIp)}` : ''}`
      : 'Never',
    status: key.status,
  };
}

/**
 * "API Account" on a user's page, for admins who manage API Accounts (api-keys:manage): mark the
 * user (which also needs users:write), or manage the account: its password, the addresses it may
 * call from, its keys, and turning it back. Every action checks the same permissions again.
 */
export async function ApiAccountPanel({
  user,
  held,
  readOnly,
}: {
  user: User;
  /** The admin's permissions. */
  held: readonly string[];
  /** The admin's own page: nothing here applies to them. */
  readOnly: boolean;
}) {
  const canMark = hasPermission(held, 'users:write');
  const keys =
    user.isApiAccount && !readOnly ? await listApiKeys(getDb(), { companyId: user.companyId, userId: user.id }) : [];
  const today = new Date();
  return (
    <section className={CARD} aria-labelledby="api-account-title" data-testid="api-account-panel">
      <h2 id="api-account-title" className="text-lg font-semibold">
        API Account
      </h2>
      {user.isApiAccount ? (
        <p className="mb-4 mt-1 text-sm text-slate-600" data-testid="api-account-status">
          {user.name} is an API Account: it calls the HTTP API (/api/v1) with its password or an API key, limited by its
          role, and cannot sign in to the web app.
        </p>
      ) : (
        <p className="mb-4 mt-1 text-sm text-slate-600" data-testid="api-account-status">
          An API Account calls the HTTP API (/api/v1) for an integration, limited by its role. It cannot sign in to the
          web app: marking {user.name} ends their sessions and any invitation or password reset link.
        </p>
      )}
      {readOnly ? null : (
        <div className="space-y-6">
          {/* First and always here: the generated password outlives the switch to the API Account view. */}
          {canMark ? (
            <MarkApiAccountForm userId={user.id} email={user.email} marked={user.isApiAccount} />
          ) : (
            !user.isApiAccount && (
              <p className="text-sm text-slate-600">Marking a user needs a role that can also manage users.</p>
            )
          )}
          {user.isApiAccount && (
            <>
              <div className="space-y-2">
                <h3 className="font-medium">Password</h3>
                <p className="text-sm text-slate-600">
                  Rotating gives the account a new generated password, shown once. The current one stops working at
                  once.
                </p>
                <RotatePasswordForm userId={user.id} email={user.email} />
              </div>
              <div className="space-y-2">
                <h3 className="font-medium">Where it may call from</h3>
                <AllowListForm userId={user.id} current={user.apiAllowedIps ?? []} />
              </div>
              <div className="space-y-3">
                <h3 className="font-medium">API keys</h3>
                <KeysTable userId={user.id} keys={keys.map(keyRow)} />
                <CreateKeyForm
                  userId={user.id}
                  firstDay={day(new Date(today.getTime() + DAY_MS))}
                  lastDay={day(new Date(today.getTime() + API_KEY_MAX_LIFETIME_DAYS * DAY_MS))}
                />
              </div>
              {canMark && (
                <div className="space-y-2">
                  <h3 className="font-medium">Turn back into a regular user</h3>
                  <UnmarkForm userId={user.id} />
                </div>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
