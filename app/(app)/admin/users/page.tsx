import Link from 'next/link';
import type { Metadata } from 'next';
import { FormMessage } from '@/components/form-message';
import { TableRegion } from '@/components/table-region';
import { describeTwoFactor } from '@/lib/admin/describe-two-factor';
import { isUserStatus, listUsers } from '@/lib/admin/list-users';
import { can, requirePermission } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { formatDuration } from '@/lib/format-duration';
import { reauthenticatedRecently } from '@/lib/sessions/reauthentication';
import { INVITATION_LIFETIME_MS, USER_SEARCH_MAX_LENGTH } from '@/lib/limits';
import { formatEnforcementDate, pendingEnforcementDate } from '@/lib/twofactor/enforcement';
import { isReadyForTwoFactor } from '@/lib/twofactor/readiness';
import { EmailText } from '../email-text';
import { RecoveryRequests } from './recovery-requests';
import { STATUS_BADGES, STATUS_FILTERS, UserFilters } from './user-filters';

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
  deleted: 'The user was deleted. Activity still lists their events under their email.',
};

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; status?: string; notice?: string }>;
}) {
  const current = await requirePermission('users:read');
  const { company, user: admin, session } = current;
  const { q = '', status: statusParam, notice } = await searchParams;
  const query = q.slice(0, USER_SEARCH_MAX_LENGTH);
  // Anything but a known status (a hand-edited link) shows everyone.
  const status = isUserStatus(statusParam) ? statusParam : undefined;
  const rows = await listUsers(getDb(), { companyId: company.id, viewerId: admin.id, query, status });
  const statusWord = STATUS_FILTERS.find((f) => f.value === status)?.label.toLowerCase();
  // While the company's requirement waits for its date, each user shows whether they are ready for it.
  const enforcedFrom = pendingEnforcementDate(company);
  const readyFor = (u: (typeof rows)[number]) =>
    isReadyForTwoFactor({ company, user: u, totp: u.totp, hasPasskey: u.hasPasskey });
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Users</h1>
        {can(current, 'users:write') && (
          <Link
            href="/admin/users/invite"
            className="ml-auto rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
          >
            Invite user
          </Link>
        )}
      </div>
      <FormMessage success={notice ? NOTICES[notice] : null} />
      <RecoveryRequests companyId={company.id} confirmed={reauthenticatedRecently(session)} />
      <UserFilters query={query} status={status} />
      {enforcedFrom && (
        <p className="text-sm text-slate-700" data-testid="enforcement-readiness">
          Two-factor authentication applies from {formatEnforcementDate(enforcedFrom)}. Ready: a user who set up an
          authenticator app, a passkey or Duo; the others will get a sign-in code by SMS or email.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-users">
          {query
            ? `No ${status ? `${statusWord} ` : ''}users match “${query}”.`
            : status
              ? `No ${statusWord} users.`
              : 'No users yet.'}
        </p>
      ) : (
        <TableRegion label="Users">
          <table className="w-full text-left text-sm" data-testid="users-table">
            <thead className="text-slate-600">
              <tr className="[&>th]:px-3 [&>th]:py-2">
                <th>Name</th>
                <th className="hidden sm:table-cell">Email</th>
                <th className="hidden sm:table-cell">Role</th>
                <th>Status</th>
                <th>2FA</th>
                <th className="hidden md:table-cell">API Account</th>
                <th className="hidden md:table-cell">Last sign-in</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => {
                const twoFactor = describeTwoFactor(company, u);
                const badge = STATUS_BADGES[u.status];
                return (
                  <tr
                    key={u.id}
                    className={`border-t border-slate-200 align-top [&>td]:px-3 [&>td]:py-2 ${u.disabled ? 'bg-slate-50 text-slate-600' : ''}`}
                    data-testid="user-row"
                    data-status={u.status}
                  >
                    <td className="font-medium break-words">
                      {u.name}
                      <span className="block font-normal text-slate-600 sm:hidden">
                        <EmailText value={u.email} />
                      </span>
                    </td>
                    <td className="hidden break-words sm:table-cell">
                      <EmailText value={u.email} />
                    </td>
                    <td className="hidden sm:table-cell">{u.role}</td>
                    <td>
                      <span
                        data-testid="user-status"
                        className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${badge.className}`}
                      >
                        {badge.label}
                      </span>
                    </td>
                    <td>
                      <span data-testid="twofactor-method">{twoFactor.method}</span>
                      <span className="block text-xs text-slate-600">{twoFactor.status}</span>
                      {enforcedFrom && !u.isApiAccount && (
                        <span data-testid="enforcement-ready" className="block text-xs font-medium text-slate-800">
                          {readyFor(u) ? 'Ready for the date' : 'Not set up yet'}
                        </span>
                      )}
                    </td>
                    <td className="hidden md:table-cell">{u.isApiAccount ? 'Yes' : 'No'}</td>
                    <td className="hidden text-slate-600 md:table-cell">
                      {!u.hasPassword
                        ? 'Invited, no password yet'
                        : u.lastSignInAt
                          ? formatWhen(u.lastSignInAt)
                          : 'Never'}
                    </td>
                    <td>
                      <Link
                        href={`/admin/users/${u.id}`}
                        className="inline-flex min-h-6 items-center font-medium text-indigo-700 hover:underline"
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
        </TableRegion>
      )}
    </section>
  );
}
