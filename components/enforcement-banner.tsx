import Link from 'next/link';
import { formatEnforcementDate } from '@/lib/twofactor/enforcement';

/**
 * Shown on every signed-in page while the company's two-factor requirement waits for its date:
 * the date, and a way to set up a method until the user has one (lib/twofactor/readiness.ts).
 */
export function EnforcementBanner({ from, ready }: { from: Date; ready: boolean }) {
  return (
    <div
      className="border-b border-sky-200 bg-sky-50 px-4 py-1 text-center text-sm text-sky-900"
      data-testid="enforcement-banner"
    >
      Your company requires two-factor authentication from {formatEnforcementDate(from)}.{' '}
      {ready ? (
        <span>You’re ready: you have set up your method.</span>
      ) : (
        <Link
          href="/account/security"
          className="inline-flex min-h-8 items-center font-semibold underline"
          data-testid="enforcement-setup"
        >
          Set up your method
        </Link>
      )}
    </div>
  );
}
