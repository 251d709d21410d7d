'use client';

import { useActionState, useEffect, useState } from 'react';
import { FormMessage } from '@/components/form-message';
import { sendCodeAction } from './send-actions';

type Props = {
  channel: 'sms' | 'email';
  destination: string;
  sent: { expiresAt: number; resendAt: number } | null;
  otherChannel: { channel: 'sms' | 'email'; destination: string } | null;
  sendFailed: boolean;
};

function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const mmss = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
const BUTTON =
  'rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50';

/** Where the code went, how long it lives, and how to get another one. */
export function OtpPanel({ channel, destination, sent, otherChannel, sendFailed }: Props) {
  const [state, action] = useActionState(sendCodeAction, null);
  const now = useNow();
  const by = channel === 'sms' ? 'by SMS' : 'by email';
  const error =
    state && !state.ok
      ? state.error
      : sendFailed
        ? `We couldn't send your code ${by}. Try again${otherChannel ? ', or use the other option below' : ''}.`
        : null;
  const waitMs = sent ? Math.max(0, sent.resendAt - now) : 0;
  return (
    <div className="space-y-3 text-sm">
      <FormMessage error={error} />
      {sent ? (
        <p data-testid="code-destination" className="text-slate-700">
          We sent a 6-digit code {by} to <strong>{destination}</strong>.{' '}
          {sent.expiresAt > now ? (
            <span data-testid="code-countdown" suppressHydrationWarning>
              It expires in {mmss(sent.expiresAt - now)}.
            </span>
          ) : (
            <span className="font-medium text-amber-800">This code has expired: send a new one.</span>
          )}
        </p>
      ) : (
        <p className="text-slate-700">
          We will send a 6-digit code {by} to <strong>{destination}</strong>.
        </p>
      )}
      <form action={action} className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="channel"
          value={channel}
          disabled={waitMs > 0}
          className={BUTTON}
          suppressHydrationWarning
        >
          {sent ? (waitMs > 0 ? `Send a new code (${Math.ceil(waitMs / 1000)} s)` : 'Send a new code') : 'Send code'}
        </button>
        {otherChannel && (
          <button type="submit" name="channel" value={otherChannel.channel} className={BUTTON}>
            {otherChannel.channel === 'email'
              ? `Send by email instead (${otherChannel.destination})`
              : `Send by SMS instead (${otherChannel.destination})`}
          </button>
        )}
      </form>
      {channel === 'sms' && (
        <p className="text-xs text-slate-500">SMS is the weaker method: an authenticator app protects you better.</p>
      )}
    </div>
  );
}
