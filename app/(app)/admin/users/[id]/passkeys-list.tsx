import { loadPage } from '@/lib/auth/load-page';
import { getDb } from '@/lib/db/client';
import { listPasskeys } from '@/lib/twofactor/passkeys';

const formatDate = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The user's passkeys and security keys, read-only: the user adds and removes their own; an admin
 * removes them all with Reset 2FA. `userId` is a user of the admin's company (findCompanyUser).
 */
export async function AdminPasskeysList({ userId, allowed }: { userId: string; allowed: boolean }) {
  const passkeys = await loadPage(() => listPasskeys(getDb(), userId));
  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-4" data-testid="admin-passkeys">
      <h3 className="font-medium">Passkeys and security keys</h3>
      <p className="text-sm text-slate-600" data-testid="admin-passkeys-count">
        {passkeys.length === 0
          ? 'None added.'
          : `${passkeys.length} added${allowed ? '' : ' (your company does not allow them: sign-in ignores them)'}. Reset 2FA removes them.`}
      </p>
      {passkeys.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-slate-700">
          {passkeys.map((p) => (
            <li key={p.id}>
              {p.name} · added {formatDate(p.createdAt)} ·{' '}
              {p.lastUsedAt ? `last used ${formatDate(p.lastUsedAt)}` : 'not used yet'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
