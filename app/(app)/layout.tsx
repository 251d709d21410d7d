import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import Link from 'next/link';
import { getCurrentTwoFactorStatus, requireUser } from '@/lib/auth/guards';
import { BACKUP_CODES_LOW } from '@/lib/limits';
import { signOutAction } from './actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, company } = await requireUser();
  const status = await getCurrentTwoFactorStatus(user.id);
  const lowCodes = status.state === 'on' && status.backupCodesLeft <= BACKUP_CODES_LOW ? status.backupCodesLeft : null;
  return (
    <>
      <AppHeader
        companyName={company.name}
        userName={user.name}
        userEmail={user.email}
        isAdmin={user.role === 'admin'}
        signOut={signOutAction}
      />
      {lowCodes !== null && (
        <div
          className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900"
          data-testid="low-codes-banner"
        >
          You have {lowCodes} backup code{lowCodes === 1 ? '' : 's'} left.{' '}
          <Link href="/account/security#regenerate" className="font-semibold underline">
            Create new backup codes
          </Link>
        </div>
      )}
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </>
  );
}
