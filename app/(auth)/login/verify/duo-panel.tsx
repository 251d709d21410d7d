'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import type { DuoChoice } from '@/lib/sign-in/duo-preauth';
import { duoBypassAction, duoPasscodeAction, startDuoAction } from './duo-actions';
import { DuoWait, FinishDuo } from './duo-wait';
import { TrustBrowserCheckbox } from './trust-browser-checkbox';

const BUTTON =
  'min-h-10 w-full rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-50';
const LINK = 'block font-medium text-indigo-700 hover:underline';

/** `pending`: a push this sign-in still waits for, followed again after a reload. */
type Props = { devices: DuoChoice[]; passcode: boolean; pending: boolean; fallback: string; trustDays?: number };
type Done = { state?: string; message?: string; restart?: boolean; fallback?: boolean; of: number | 'resumed' | null };

/** Duo's devices and factors for this user: Duo Push, a phone call, a passcode. */
export function DuoPanel({ devices, passcode, pending, fallback, trustDays = 0 }: Props) {
  // How the last push or call ended (`of`: which one), so a new one is followed from its start.
  const [done, setDone] = useState<Done | null>(null);
  // "Don't ask again on this browser", for whichever way Duo passes (push, call or passcode).
  const [trust, setTrust] = useState(false);
  const nameOf = (id: string) => devices.find((d) => d.id === id)?.name ?? 'your phone';
  // Its own form, never inside the push form (forms do not nest).
  if (done?.state === 'approved') return <FinishDuo trust={trust} />;
  return (
    <div className="space-y-6">
      <TrustBrowserCheckbox days={trustDays} checked={trust} onChange={setTrust} />
      <ActionForm action={startDuoAction} className="space-y-3" aria-label="Duo Push">
        {(state) => {
          const sent = state?.ok ? state.data : null;
          const failed = state && !state.ok ? (state as { fallback?: boolean; restart?: boolean }) : null;
          if (failed?.restart || done?.restart)
            return (
              <>
                {done?.message && <FormMessage error={done.message} />}
                <Link href="/login" className={LINK}>
                  Sign in again
                </Link>
              </>
            );
          const current = sent ? sent.sentAt : pending ? 'resumed' : null;
          const waiting = current !== null && done?.of !== current;
          return (
            <>
              {waiting ? (
                <DuoWait
                  key={current}
                  label={sent ? `${sent.message} to ${nameOf(sent.device)}` : 'Waiting for your Duo Push'}
                  onDone={(view) => setDone({ ...view, of: current })}
                />
              ) : (
                <>
                  {done?.message && <FormMessage error={done.message} />}
                  {devices.map((d) => (
                    <div key={d.id} className="space-y-2">
                      {d.push && (
                        <button type="submit" name="choice" value={`push:${d.id}`} className={BUTTON}>
                          Send Duo Push to {d.name}
                        </button>
                      )}
                      {d.phone && (
                        <button type="submit" name="choice" value={`phone:${d.id}`} className={BUTTON}>
                          Call {d.name}
                        </button>
                      )}
                    </div>
                  ))}
                </>
              )}
              {(failed?.fallback || done?.fallback) && <FallbackLink text={fallback} />}
            </>
          );
        }}
      </ActionForm>
      {passcode && (
        <ActionForm action={duoPasscodeAction} className="space-y-3" aria-label="Sign in with a Duo passcode">
          {trust && <input type="hidden" name="trustBrowser" value="on" />}
          <Field
            label="Duo passcode"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            className="font-mono tracking-widest"
            hint="The passcode Duo Mobile shows (tap the key icon), or the one on your hardware token."
          />
          <SubmitButton className="w-full" variant="secondary" pendingLabel="Checking…">
            Verify passcode
          </SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}

/** Duo lets this user in without a prompt (a bypass the Duo admin set). */
export function DuoBypassForm({ message, trustDays = 0 }: { message: string; trustDays?: number }) {
  return (
    <ActionForm action={duoBypassAction} className="space-y-3" aria-label="Duo">
      <p className="text-sm text-slate-700" data-testid="duo-message">
        Duo lets you sign in without a prompt this time. Duo said: “{message}”
      </p>
      <TrustBrowserCheckbox days={trustDays} />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Continue
      </SubmitButton>
    </ActionForm>
  );
}

export function FallbackLink({ text }: { text: string }) {
  if (!text) return null;
  return (
    <Link href="/login/verify?method=otp" className={LINK}>
      {text}
    </Link>
  );
}
