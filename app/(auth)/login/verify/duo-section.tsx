import { FormMessage } from '@/components/form-message';
import { loadPage } from '@/lib/auth/load-page';
import { getDb } from '@/lib/db/client';
import { duoOptions } from '@/lib/sign-in/duo-preauth';
import type { OpenChallenge } from '@/lib/sign-in/find-challenge';
import { DuoBypassForm, DuoPanel, FallbackLink } from './duo-panel';

/**
 * The Duo part of the challenge page, from Duo's preauth for this user: the devices and factors to
 * use, or why Duo cannot be used now, with the SMS/email code as the way on.
 */
export async function DuoSection({ open, trustDays = 0 }: { open: OpenChallenge; trustDays?: number }) {
  // No way down to a code when the company offers none to this user (strong methods only).
  const fallback = !open.policy.methods.includes('otp')
    ? ''
    : open.policy.otpChannel === 'sms'
      ? 'Get a sign-in code by text message instead'
      : 'Get a sign-in code by email instead';
  const options = await loadPage(() => duoOptions(getDb(), open));
  if (!options.ok) {
    return (
      <div className="mb-4 space-y-3 text-sm" data-testid="duo-unavailable">
        <FormMessage error={options.error} />
        <FallbackLink text={fallback} />
      </div>
    );
  }
  const duo = options.data;
  if (duo.result === 'allow') return <DuoBypassForm message={duo.message} trustDays={trustDays} />;
  if (duo.result !== 'auth') {
    const words =
      duo.result === 'deny'
        ? `Duo refused this sign-in. Duo said: “${duo.message}”`
        : 'Duo doesn’t know a device of yours yet. Sign in with a code now, then finish Duo Setup from Account › Security.';
    return (
      <div className="mb-4 space-y-3 text-sm">
        <FormMessage error={words} />
        <FallbackLink text={fallback} />
      </div>
    );
  }
  const { duoTxid, duoTxidExpiresAt } = open.challenge;
  const pending = Boolean(duoTxid && duoTxidExpiresAt && duoTxidExpiresAt > new Date());
  return (
    <div className="mb-4">
      <DuoPanel
        devices={duo.devices}
        passcode={duo.passcode}
        pending={pending}
        fallback={fallback}
        trustDays={trustDays}
      />
    </div>
  );
}
