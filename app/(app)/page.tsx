import Link from 'next/link';
import { requireUser } from '@/lib/auth/guards';

export default async function HomePage() {
  const { user, company } = await requireUser();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
      <p className="text-slate-600">
        You are signed in to {company.name}. Keep your account safe from{' '}
        <Link href="/account/security" className="font-medium text-indigo-700 hover:underline">
          Account › Security
        </Link>
        .
      </p>
    </section>
  );
}
