import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { listPasskeys } from '@/lib/twofactor/passkeys';
import { AddPasskeyForm, RemovePasskeyForm } from './passkey-forms';

const formatDate = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Passkeys and security keys: add (when the company allows them), list with their last use, remove.
 * A key stays listed, removable, if the company stops allowing them (sign-in then ignores it).
 */
export async function PasskeysSection({
  userId,
  allowed,
  confirmed,
  className,
}: {
  userId: string;
  allowed: boolean;
  confirmed: boolean;
  className?: string;
}) {
  const passkeys = await loadPage(() => listPasskeys(getDb(), userId));
  if (!allowed && passkeys.length === 0) return null;
  return (
    <section className={className} aria-labelledby="passkeys-title" data-testid="passkeys-section">
      <h2 id="passkeys-title" className="text-lg font-semibold">
        Passkeys and security keys
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        {allowed
          ? 'Confirm it’s you with your fingerprint, face, screen lock or a security key instead of typing a code. Sign-in offers them first.'
          : 'Your company no longer allows passkeys or security keys: sign-in does not offer these.'}
      </p>
      {passkeys.length > 0 && (
        <ul
          className="mb-6 divide-y divide-slate-200 rounded-md border border-slate-200"
          aria-label="Your passkeys and security keys"
        >
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 p-3" data-testid="passkey-row">
              <div className="text-sm">
                <p className="font-medium text-slate-900">{p.name}</p>
                <p className="text-slate-600">
                  Added {formatDate(p.createdAt)} ·{' '}
                  {p.lastUsedAt ? `Last used ${formatDate(p.lastUsedAt)}` : 'Not used yet'}
                  {p.deviceType === 'multiDevice' ? ' · Synced passkey' : ''}
                </p>
              </div>
              <RemovePasskeyForm passkeyId={p.id} name={p.name} confirmed={confirmed} />
            </li>
          ))}
        </ul>
      )}
      {allowed && <AddPasskeyForm confirmed={confirmed} />}
    </section>
  );
}
