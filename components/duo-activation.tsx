'use client';

import { useEffect, useRef, useState } from 'react';
import { DUO_SETUP_POLL_INTERVAL_MS } from '@/lib/limits';

/** The channel the Duo Setup tab tells the tab it was opened from (Account › Security, the admin's user page). */
export const DUO_SETUP_CHANNEL = 'latchkey-duo-setup';
export type DuoSetupMessage = { userId: string; status: 'activated' };

type Props = {
  userId: string;
  /** Our own route serving Duo's barcode image (the CSP allows no image from Duo). */
  barcodeSrc: string;
  /** Our own route that asks Duo about this enrolment (POST). */
  statusUrl: string;
  activationUrl: string;
  expiresAt: string;
  /** Said once the phone is activated. */
  activatedText: string;
};

type State = { status: 'waiting' } | { status: 'activated' } | { status: 'failed'; error: string };

/**
 * Duo's activation barcode and link with what to do in Duo Mobile, and a poll of our status route
 * until the phone is activated; then the other tabs of ours are told (BroadcastChannel), so the
 * page that opened this one updates without a reload.
 */
export function DuoActivation({ userId, barcodeSrc, statusUrl, activationUrl, expiresAt, activatedText }: Props) {
  const [state, setState] = useState<State>({ status: 'waiting' });
  const [attempt, setAttempt] = useState(0);
  const stopped = useRef(false);

  useEffect(() => {
    if (state.status !== 'waiting') return;
    stopped.current = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const answer = await fetch(statusUrl, { method: 'POST', cache: 'no-store' })
        .then(async (r) => ({ ok: r.ok, status: r.status, body: await r.json().catch(() => ({})) }))
        .catch(() => ({
          ok: false,
          status: 0,
          body: { error: 'Latchkey could not be reached. Check your connection.' },
        }));
      if (stopped.current) return;
      if (answer.ok && answer.body.status === 'activated') {
        setState({ status: 'activated' });
        const channel = new BroadcastChannel(DUO_SETUP_CHANNEL);
        channel.postMessage({ userId, status: 'activated' } satisfies DuoSetupMessage);
        channel.close();
        return;
      }
      if (answer.ok || answer.status === 429) timer = setTimeout(poll, DUO_SETUP_POLL_INTERVAL_MS);
      else setState({ status: 'failed', error: answer.body.error ?? 'Something went wrong. Try again.' });
    };
    timer = setTimeout(poll, DUO_SETUP_POLL_INTERVAL_MS);
    return () => {
      stopped.current = true;
      clearTimeout(timer);
    };
  }, [state.status, attempt, statusUrl, userId]);

  const until = new Date(expiresAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="space-y-4">
      <div role="status" aria-live="polite" data-testid="duo-setup-status">
        {state.status === 'waiting' && (
          <p className="text-sm text-slate-700">Waiting for the phone to be activated… This page updates by itself.</p>
        )}
        {state.status === 'activated' && (
          <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
            {activatedText}
          </p>
        )}
      </div>
      {state.status === 'failed' && (
        <div
          role="alert"
          className="space-y-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p>{state.error}</p>
          <button
            type="button"
            className="underline"
            onClick={() => {
              setAttempt((n) => n + 1);
              setState({ status: 'waiting' });
            }}
          >
            Check again
          </button>
        </div>
      )}
      {state.status !== 'activated' && (
        <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700">
          <li>Install Duo Mobile on the phone from the App Store or Google Play.</li>
          <li>
            In Duo Mobile, tap “Add” (or “+”), then “Use QR code”, and scan this barcode:
            {/* eslint-disable-next-line @next/next/no-img-element -- our own route, never optimised or cached */}
            <img
              src={barcodeSrc}
              alt="Duo activation barcode: scan it with Duo Mobile"
              width={200}
              height={200}
              className="mt-2 block h-48 w-48 rounded-md bg-white p-2 ring-1 ring-slate-200"
            />
          </li>
          <li>
            On the phone itself, you can instead open this link:{' '}
            <a href={activationUrl} className="break-all text-indigo-700 underline" data-testid="duo-activation-link">
              {activationUrl}
            </a>
          </li>
          <li>The barcode and link work until {until} (your time).</li>
        </ol>
      )}
    </div>
  );
}
