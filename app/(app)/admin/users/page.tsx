import type { Metadata } from 'next';
import { listCompanyUsers } from '@/lib/accounts/list-company-users';
import { requireCompanyAdmin } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Users · Latchkey' };

export default async function UsersPage() {
  const { company } = await requireCompanyAdmin();
  const rows = await listCompanyUsers(getDb(), company.id);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2">Name</th>
            <th>Email</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} className="border-t border-slate-200">
              <td className="py-2">{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
