import type { Metadata } from 'next';
import { requireCompanyAdmin } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Company · Latchkey' };

export default async function CompanyPage() {
  const { company } = await requireCompanyAdmin();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Company</h1>
      <p className="text-slate-600">{company.name}</p>
    </section>
  );
}
