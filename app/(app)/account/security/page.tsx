import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Security · Latchkey' };

export default async function SecurityPage() {
  await requireUser();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Account › Security</h1>
      <p className="text-slate-600">Two-factor authentication settings will appear here.</p>
    </section>
  );
}
