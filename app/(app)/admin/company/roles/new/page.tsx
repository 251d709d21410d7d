import Link from 'next/link';
import type { Metadata } from 'next';
import { requireRecentReauth } from '@/lib/auth/guards';
import { NewRoleForm } from '../role-form';

export const metadata: Metadata = { title: 'New role · Latchkey' };

/** Company › Roles › New role: a role gives what users may do, so the admin confirms it’s them first. */
export default async function NewRolePage() {
  const { role } = await requireRecentReauth('/admin/company/roles/new', 'company:write');
  return (
    <section className="space-y-4">
      <Link href="/admin/company/roles" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        ← Roles
      </Link>
      <h1 className="text-2xl font-semibold">New role</h1>
      <p className="max-w-prose text-sm text-slate-600">
        You can give a role only permissions your own role holds. Once it exists, give it to users from their page in
        Users.
      </p>
      <NewRoleForm held={role.permissions} />
    </section>
  );
}
