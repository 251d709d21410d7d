import { DuoSetupListener } from '@/components/duo-setup-listener';

/**
 * "Duo Setup" opens our Duo Setup page in a new tab (the barcode and Duo Mobile's steps); when the
 * phone is activated there, that tab tells this page, which refreshes to show Duo as the method.
 */
export function DuoSetupLink({ userId, ready }: { userId: string; ready: boolean }) {
  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-4">
      <h3 className="font-medium">Duo</h3>
      <p className="text-sm text-slate-600" data-testid="duo-method-status">
        {ready
          ? 'Duo is your preferred method: sign-in asks for Duo first. Run Duo Setup again if you changed phones.'
          : 'To use Duo, run Duo Setup: Latchkey checks that Duo knows you, or helps you activate Duo Mobile.'}
      </p>
      <a
        href="/account/duo-setup"
        target="_blank"
        rel="noopener"
        className="inline-flex rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600"
      >
        Duo Setup<span className="sr-only"> (opens in a new tab)</span>
      </a>
      <DuoSetupListener userId={userId} />
    </div>
  );
}
