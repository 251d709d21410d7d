import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { Metadata } from 'next';
import { safeReturnPath } from '@/lib/admin/return-path';
import { getCurrentTwoFactorStatus, requireUser } from '@/lib/auth/guards';
import { formatDuration } from '@/lib/format-duration';
import { REAUTH_WINDOW_MS } from '@/lib/limits';
import { reauthenticatedRecently } from '@/lib/sessions/reauthentication';
import { ConfirmForm } from './confirm-form';

export const metadata: Metadata = { title: 'Confirm your password · Latchkey' };

/**
 * The one place an admin re-authenticates for the screens that change who can sign in. Asked once,
 * then remembered on this session (only) for REAUTH_WINDOW_MS.
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { user, session } = await requireUser();
  const next = safeReturnPath((await searchParams).next);
  if (reauthenticatedRecently(session)) redirect(next);
  const twoFactor = await getCurrentTwoFactorStatus(user.id);
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Confirm your password</h1>
        <p className="text-sm text-slate-600">
          This admin page changes who can sign in, so we check that it’s really you at the keyboard. Once you confirm,
          this browser won’t ask again for {formatDuration(REAUTH_WINDOW_MS)}; your other sessions still will.
        </p>
      </div>
      <ConfirmForm method="password" next={next} />
      {twoFactor.state === 'on' && (
        <div className="space-y-4 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-600">Or use your second factor instead of the password:</p>
          <ConfirmForm method="totp" next={next} />
          {twoFactor.backupCodesLeft > 0 && (
            <details className="text-sm">
              <summary className="min-h-6 cursor-pointer py-0.5 font-medium text-indigo-700">Use a backup code</summary>
              <div className="mt-3">
                <ConfirmForm method="backup" next={next} />
              </div>
            </details>
          )}
        </div>
      )}
      <Link href="/" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        Cancel
      </Link>
    </div>
  );
}
