import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { can, requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { missingPermissions } from '@/lib/roles/permissions';
import { holdsMore } from '@/lib/roles/role-rules';
import { findRoleSummary } from '@/lib/roles/role-summaries';
import { DeleteRoleForm } from '../delete-role-form';
import { PermissionList } from '../permission-list';
import { EditRoleForm } from '../role-form';

export const metadata: Metadata = { title: 'Role · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

/**
 * One role. A custom role opens for editing (in sudo mode) to those who may change roles and hold
 * all of its permissions; everyone else with company:read, and every built-in role, reads it only.
 */
export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const current = await requirePermission('company:read');
  const role = await findRoleSummary(getDb(), { companyId: current.company.id, roleId: (await params).id });
  // Another company's role looks exactly like one that does not exist.
  if (!role) notFound();
  const above = missingPermissions(current.role.permissions, role.permissions);
  const readOnly = role.builtIn
    ? 'This is a built-in role: it can’t be changed or deleted. Create a custom role for other needs.'
    : !can(current, 'company:write')
      ? 'Your role can see roles but not change them.'
      : above.length > 0
        ? holdsMore(above)
        : null;
  if (!readOnly) await requireRecentReauth(`/admin/company/roles/${role.id}`, 'company:write');
  const holders = `${role.users} ${role.users === 1 ? 'user has' : 'users have'} this role.`;
  return (
    <div className="space-y-8">
      <Link href="/admin/company/roles" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        ← Roles
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{role.name}</h1>
        <p className="text-sm text-slate-600" data-testid="role-holders">
          {holders}
        </p>
      </div>
      {readOnly ? (
        <section className={CARD} aria-labelledby="role-permissions-title">
          <h2 id="role-permissions-title" className="text-lg font-semibold">
            Permissions
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600" data-testid="role-read-only">
            {readOnly}
          </p>
          <PermissionList permissions={role.permissions} />
        </section>
      ) : (
        <>
          <section className={CARD} aria-labelledby="role-edit-title">
            <h2 id="role-edit-title" className="mb-4 text-lg font-semibold">
              Name and permissions
            </h2>
            <EditRoleForm
              role={{ id: role.id, name: role.name, permissions: role.permissions }}
              held={current.role.permissions}
            />
          </section>
          <section className={CARD} aria-labelledby="role-delete-title">
            <h2 id="role-delete-title" className="text-lg font-semibold">
              Delete role
            </h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">
              {role.users === 0
                ? 'Nobody has this role, so it can be deleted. Activity keeps what it recorded about it.'
                : `${holders} Give ${role.users === 1 ? 'them' : 'each of them'} another role first (on their page in Users); a role in use can’t be deleted.`}
            </p>
            <DeleteRoleForm role={{ id: role.id, name: role.name }} />
          </section>
        </>
      )}
    </div>
  );
}
