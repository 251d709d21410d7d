import Link from 'next/link';
import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { builtInRoleId } from '@/lib/roles/built-in-roles';
import { roleOptions } from '@/lib/roles/assignable-role';
import { formatDuration } from '@/lib/format-duration';
import { INVITATION_LIFETIME_MS } from '@/lib/limits';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Invite a user · Latchkey' };

export default async function InvitePage() {
  const { company, role } = await requirePermission('users:write');
  const [roles, member] = await Promise.all([
    roleOptions(getDb(), company.id, role.permissions),
    builtInRoleId(getDb(), company.id, 'member'),
  ]);
  return (
    <section className="space-y-4">
      <Link href="/admin/users" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <h1 className="text-2xl font-semibold">Invite a user to {company.name}</h1>
      <p className="max-w-prose text-sm text-slate-600">
        We email them a link to choose their password. The link works once and expires after{' '}
        {formatDuration(INVITATION_LIFETIME_MS)}; you can send a new one from their page.
      </p>
      <InviteForm roles={roles} initialRole={member} />
    </section>
  );
}
