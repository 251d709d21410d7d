import Link from 'next/link';
import type { Metadata } from 'next';
import { FormMessage } from '@/components/form-message';
import { describeTwoFactor } from '@/lib/admin/describe-two-factor';
import { listUsers } from '@/lib/admin/list-users';
import { requireCompanyAdmin } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { formatDuration } from '@/lib/format-duration';
import { reauthenticatedRecently } from '@/lib/sessions/reauthentication';
import { INVITATION_LIFETIME_MS, USER_SEARCH_MAX_LENGTH } from '@/lib/limits';
import { RecoveryRequests } from './recovery-requests';

export const metadata: Metadata = { title: 'Users · Latchkey' };

const formatWhen = (d: Date) =>
  d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }) + ' UTC';
const NOTICES: Record<string, string> = {
  invited: `Invitation sent. The link in the email works once, for ${formatDuration(INVITATION_LIFETIME_MS)}.`,
};

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; notice?: string }> }) {
  const { company, user: admin, session } = await requireCompanyAdmin();
  const { q = '', notice } = await searchParams;
  const query = q.slice(0, USER_SEARCH_MAX_LENGTH);
  const rows = await listUsers(getDb(), { companyId: company.id, viewerId: admin.id, query });
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Users</h1>
        <Link
          href="/admin/users/invite"
          className="ml-auto rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
        >
          Invite user
        </Link>
      </div>
      <FormMessage success={notice ? NOTICES[notice] : null} />
      <RecoveryRequests companyId={company.id} confirmed={reauthenticatedRecently(session)} />
      <form role="search" action="/admin/users" className="flex max-w-md gap-2">
        <label htmlFor="user-search" className="sr-only">
          Search users
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          defaultValue={query}
          placeholder="Search by name, email or username"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button
          type="submit"
          className="rounded-md px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Search
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-users">
          {query ? `No users match “${query}”.` : 'No users yet.'}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="users-table">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4">Name</th>
                <th className="pr-4">Email</th>
                <th className="pr-4">Role</th>
                <th className="pr-4">Two-factor</th>
                <th className="pr-4">API account</th>
                <th className="pr-4">Last sign-in</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => {
                const twoFactor = describeTwoFactor(company, u);
                return (
                  <tr key={u.id} className="border-t border-slate-200 align-top [&>td]:py-2" data-testid="user-row">
                    <td className="pr-4 font-medium">{u.name}</td>
                    <td className="pr-4">{u.email}</td>
                    <td className="pr-4 capitalize">{u.role}</td>
                    <td className="pr-4">
                      <span data-testid="twofactor-method">{twoFactor.method}</span>
                      <span className="block text-xs text-slate-500">{twoFactor.status}</span>
                    </td>
                    <td className="pr-4">{u.isApiAccount ? 'Yes' : 'No'}</td>
                    <td className="pr-4 text-slate-600">
                      {!u.hasPassword
                        ? 'Invited, no password yet'
                        : u.lastSignInAt
                          ? formatWhen(u.lastSignInAt)
                          : 'Never'}
                    </td>
                    <td>
                      <Link
                        href={`/admin/users/${u.id}`}
                        className="font-medium text-indigo-700 hover:underline"
                        aria-label={`Edit ${u.name}`}
                      >
                        Edit
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
