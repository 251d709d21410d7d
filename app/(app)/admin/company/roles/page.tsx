import Link from 'next/link';
import type { Metadata } from 'next';
import { FormMessage } from '@/components/form-message';
import { TableRegion } from '@/components/table-region';
import { can, requirePermission } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { listRoleSummaries } from '@/lib/roles/role-summaries';
import { permissionWords } from './permission-list';

export const metadata: Metadata = { title: 'Roles · Latchkey' };

const NOTICES: Record<string, string> = {
  created: 'Role created. Give it to users from their page in Users.',
  deleted: 'Role deleted.',
};

/** Company › Roles: every role of the company, what it may do and how many users hold it. */
export default async function RolesPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const current = await requirePermission('company:read');
  const canChange = can(current, 'company:write');
  const { notice } = await searchParams;
  const roles = await listRoleSummaries(getDb(), current.company.id);
  return (
    <section className="space-y-6">
      <Link href="/admin/company" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        ← Company
      </Link>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Roles</h1>
        {canChange && (
          <Link
            href="/admin/company/roles/new"
            className="ml-auto rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
          >
            New role
          </Link>
        )}
      </div>
      <p className="max-w-prose text-sm text-slate-600">
        Every user has one role, which says what they may do besides managing their own account. The built-in roles
        (Administrator, Member, Auditor) can’t be changed; custom roles can.
        {canChange ? '' : ' Your role can see roles but not change them.'}
      </p>
      <FormMessage success={notice ? NOTICES[notice] : null} />
      <TableRegion label="Roles">
        <table className="w-full text-left text-sm" data-testid="roles-table">
          <thead className="text-slate-600">
            <tr className="[&>th]:px-3 [&>th]:py-2">
              <th>Name</th>
              <th>Permissions</th>
              <th className="text-right">Users</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr
                key={role.id}
                className="border-t border-slate-200 align-top [&>td]:px-3 [&>td]:py-2"
                data-testid="role-row"
              >
                <td className="font-medium break-words">
                  <Link
                    href={`/admin/company/roles/${role.id}`}
                    className="inline-flex min-h-6 items-center text-indigo-700 hover:underline"
                  >
                    {role.name}
                  </Link>
                  {role.builtIn && <span className="block text-xs font-normal text-slate-600">Built-in</span>}
                </td>
                <td data-testid="role-permission-words">{permissionWords(role.permissions)}</td>
                <td className="text-right tabular-nums" data-testid="role-users">
                  {role.users}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
