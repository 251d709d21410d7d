import type { ReactNode } from 'react';
import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { getCurrentTwoFactorStatus, requireUser } from '@/lib/auth/guards';
import { BACKUP_CODES_LOW } from '@/lib/limits';
import { getDb } from '@/lib/db/client';
import { EnforcementBanner } from '@/components/enforcement-banner';
import { pendingEnforcementDate } from '@/lib/twofactor/enforcement';
import { hasPasskey, isReadyForTwoFactor } from '@/lib/twofactor/readiness';
import { signOutAction } from './actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, company, role } = await requireUser();
  const status = await getCurrentTwoFactorStatus(user.id);
  const lowCodes = status.state === 'on' && status.backupCodesLeft <= BACKUP_CODES_LOW ? status.backupCodesLeft : null;
  // Only while the company's requirement waits for its date (one more query, then none).
  const enforcedFrom = user.isApiAccount ? null : pendingEnforcementDate(company);
  const ready =
    enforcedFrom !== null &&
    isReadyForTwoFactor({ company, user, totp: status.state, hasPasskey: await hasPasskey(getDb(), user.id) });
  return (
    <>
      <a
        href="#main"
        className="absolute left-4 top-2 z-30 -translate-y-20 rounded-md bg-white px-4 py-2 text-sm font-semibold text-indigo-700 shadow focus:translate-y-0"
      >
        Skip to main content
      </a>
      <AppHeader
        companyName={company.name}
        userName={user.name}
        userEmail={user.email}
        permissions={role.permissions}
        signOut={signOutAction}
      />
      {enforcedFrom && <EnforcementBanner from={enforcedFrom} ready={ready} />}
      {lowCodes !== null && (
        <div
          className="border-b border-amber-200 bg-amber-50 px-4 py-1 text-center text-sm text-amber-900"
          data-testid="low-codes-banner"
        >
          You have {lowCodes} backup code{lowCodes === 1 ? '' : 's'} left.{' '}
          <Link
            href="/account/security#regenerate"
            className="inline-flex min-h-8 items-center font-semibold underline"
          >
            Create new backup codes
          </Link>
        </div>
      )}
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
