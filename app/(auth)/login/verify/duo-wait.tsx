'use client';

import { useEffect, useRef, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { cancelDuoAction, finishDuoAction } from './duo-actions';

type View = { state: string; message?: string; restart?: boolean; fallback?: boolean };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BUTTON =
  'min-h-9 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50';

/**
 * Follows the push or call this sign-in waits for through our status route (long-polled), says
 * what Duo reports, and on approval finishes the sign-in (the server already passed the challenge).
 */
export function DuoWait({ label, onDone }: { label: string; onDone: (view: View) => void }) {
  const [view, setView] = useState<View>({ state: 'waiting', message: label });
  // The parent's callback changes every render; the poll loop must not restart for it.
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    let stopped = false;
    const abort = new AbortController();
    (async () => {
      while (!stopped) {
        const response = await fetch('/login/verify/duo-status', { cache: 'no-store', signal: abort.signal }).catch(
          () => null,
        );
        const body = response ? await response.json().catch(() => null) : null;
        if (stopped) return;
        if (!body) {
          setView({ state: 'waiting', message: `${label}. We lost contact with Latchkey for a moment: still trying…` });
          await sleep(2_000);
          continue;
        }
        const next: View = body.ok ? body.data : { state: 'error', ...body, message: body.error };
        if (next.state === 'waiting') {
          setView({ state: 'waiting', message: label });
          await sleep(500);
          continue;
        }
        setView(next);
        done.current(next);
        return;
      }
    })();
    return () => {
      stopped = true;
      abort.abort();
    };
  }, [label]);

  return (
    <div className="space-y-3 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <p role="status" data-testid="duo-status" className="text-slate-800">
        {view.message}
      </p>
      {view.state === 'waiting' && (
        <>
          <p className="text-slate-600">Approve it in Duo Mobile. This page moves on by itself.</p>
          <button
            type="button"
            className={BUTTON}
            onClick={async () => {
              await cancelDuoAction();
              done.current({ state: 'cancelled', message: 'Cancelled. Choose another way to confirm it’s you.' });
            }}
          >
            Cancel
          </button>
        </>
      )}
    </div>
  );
}

/** Duo approved: the usual redeem makes the session (sent at once; the button is there if it is not). */
export function FinishDuo({ trust = false }: { trust?: boolean }) {
  const form = useRef<HTMLDivElement>(null);
  useEffect(() => {
    form.current?.closest('form')?.requestSubmit();
  }, []);
  return (
    <ActionForm action={finishDuoAction} className="space-y-3" aria-label="Finish signing in">
      <div ref={form}>
        {trust && <input type="hidden" name="trustBrowser" value="on" />}
        <p role="status" data-testid="duo-status" className="mb-3 text-sm font-medium text-green-800">
          Approved. Signing you in…
        </p>
        <SubmitButton className="w-full" pendingLabel="Signing in…">
          Continue
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
