'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { FormMessage } from '@/components/form-message';
import { sendCodeAction } from './send-actions';

type Channel = 'sms' | 'email';
type Props = {
  channel: Channel;
  destination: string;
  /** The code sent for this sign-in, if any: when, and until when it works. */
  sent: { sentAt: number; expiresAt: number; resendAt: number } | null;
  otherChannel: { channel: Channel; destination: string } | null;
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
const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const BY: Record<Channel, string> = { sms: 'by text message', email: 'by email' };
const BUTTON =
  'min-h-9 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50';

/**
 * What really happened to the sign-in code (sent where and when, or not sent yet) and how to get
 * another one. Sending announces "Code sent." and the page shows the new code's time.
 */
export function OtpPanel({ channel, destination, sent, otherChannel, sendFailed }: Props) {
  const now = useNow();
  const waitMs = sent ? Math.max(0, sent.resendAt - now) : 0;
  return (
    <ActionForm action={sendCodeAction} success="Code sent." className="space-y-3 text-sm">
      {(state) => (
        <>
          {!state && sendFailed && (
            <FormMessage
              error={`We couldn’t send your sign-in code ${BY[channel]}. Try again${otherChannel ? ', or send it the other way' : ''}.`}
            />
          )}
          {state && !state.ok && state.restart ? (
            <Link href="/login" className="block font-medium text-indigo-700 hover:underline">
              Sign in again
            </Link>
          ) : null}
          {sent ? (
            <p data-testid="code-destination" className="text-slate-700">
              We sent a sign-in code {BY[channel]} to <strong>{destination}</strong> at{' '}
              <time dateTime={new Date(sent.sentAt).toISOString()} suppressHydrationWarning>
                {clock(sent.sentAt)}
              </time>
              .{' '}
              {sent.expiresAt > now ? (
                <span data-testid="code-countdown" suppressHydrationWarning>
                  It expires in {mmss(sent.expiresAt - now)}.
                </span>
              ) : (
                <span className="font-medium text-amber-800">It has expired: send a new one.</span>
              )}
            </p>
          ) : (
            <p data-testid="code-destination" className="text-slate-700">
              No code has been sent yet. Press Send code and we’ll send one {BY[channel]} to{' '}
              <strong>{destination}</strong>.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              name="channel"
              value={channel}
              aria-disabled={waitMs > 0}
              disabled={waitMs > 0}
              className={BUTTON}
              suppressHydrationWarning
            >
              {sent
                ? waitMs > 0
                  ? `Send a new code (${Math.ceil(waitMs / 1000)} s)`
                  : 'Send a new code'
                : 'Send code'}
            </button>
            {otherChannel && (
              <button type="submit" name="channel" value={otherChannel.channel} className={BUTTON}>
                {otherChannel.channel === 'email'
                  ? `Send by email instead (${otherChannel.destination})`
                  : `Send by text message instead (${otherChannel.destination})`}
              </button>
            )}
          </div>
          {channel === 'sms' && (
            <p className="text-xs text-slate-600">
              Text messages are the weaker method: an authenticator app protects you better.
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}
