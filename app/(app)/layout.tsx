import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { requireUser } from '@/lib/auth/guards';
import { signOutAction } from './actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, company } = await requireUser();
  return (
    <>
      <AppHeader companyName={company.name} userName={user.name} userEmail={user.email} isAdmin={user.role === 'admin'} signOut={signOutAction} />
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </>
  );
}
