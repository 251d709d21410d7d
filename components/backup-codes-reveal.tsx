'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useRouter } from 'next/navigation';
import { BackupCodesPrintSheet } from './backup-codes-print-sheet';

type RevealProps = { codes: string[]; accountEmail: string; createdAt: string; onDone?: () => void };

const LEAVE_WARNING = 'You have not saved your backup codes. They cannot be shown again. Leave anyway?';
const BUTTON =
  'rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50';

const noSubscription = () => () => {};
/** False while the server renders (and while the page hydrates), true once JavaScript runs. */
const useScripted = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** Makes everything on the page but `keep` (and its ancestors) inert; returns the undo. */
function inertAllBut(keep: HTMLElement): () => void {
  const made: Element[] = [];
  for (let node: HTMLElement | null = keep; node && node !== document.body; node = node.parentElement) {
    for (const sibling of Array.from(node.parentElement?.children ?? [])) {
      if (sibling === node || sibling.hasAttribute('inert') || sibling.tagName === 'SCRIPT') continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
  }
  return () => made.forEach((el) => el.removeAttribute('inert'));
}

/**
 * The one and only time backup codes are shown. The codes live in this component's props (the
 * action's answer), never in the database or the URL; it renders on the server too, so a form
 * posted without JavaScript shows them. With JavaScript it is a dialog over the page (focus
 * inside, the page behind inert), Continue unlocks once the codes were printed, downloaded or
 * copied and the box ticked, and leaving earlier asks first.
 */
export function BackupCodesReveal({ codes, accountEmail, createdAt, onDone }: RevealProps) {
  const router = useRouter();
  const scripted = useScripted();
  const [saved, setSaved] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [copyMessage, setCopyMessage] = useState('');
  const screen = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const done = saved && acknowledged;
  const text = [
    'Latchkey backup codes',
    `Account: ${accountEmail}`,
    `Created: ${createdAt}`,
    '',
    ...codes,
    '',
    'Each code signs you in once when you cannot use your authenticator app.',
    'Keep them somewhere safe. Creating new codes makes these stop working.',
  ].join('\n');

  useEffect(() => {
    // A reload shows the "cannot be shown again" page rather than the codes.
    window.history.replaceState(window.history.state, '', '/account/security/backup-codes');
    const undo = screen.current ? inertAllBut(screen.current) : () => {};
    heading.current?.focus();
    return undo;
  }, []);

  useEffect(() => {
    if (done) return;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element).closest?.('a[href]');
      if (link && !link.hasAttribute('download') && !window.confirm(LEAVE_WARNING)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [done]);

  useEffect(() => {
    // After the sheet took focus (its own effect ran first): the browser's dialog prints it alone.
    if (printing) window.print();
  }, [printing]);

  // Stable, so the open sheet's effect (focus, Escape) runs once per opening.
  const closePrint = useCallback(() => {
    setPrinting(false);
    // Back where the user was: focus returns to Print once the codes are reachable again.
    requestAnimationFrame(() => printButton.current?.focus());
  }, []);

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'latchkey-backup-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
    setSaved(true);
  }

  async function copy() {
    setCopyMessage('');
    try {
      await navigator.clipboard.writeText(text);
      setSaved(true);
      setCopyMessage('Copied.');
    } catch {
      setCopyMessage('Your browser did not allow copying. Use Download or Print instead.');
    }
  }

  function finish() {
    onDone?.();
    router.replace('/account/security');
    router.refresh();
  }

  return (
    <div ref={screen} data-codes-screen className="fixed inset-0 z-40 overflow-y-auto bg-slate-50 text-slate-900">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="backup-codes-title"
        inert={printing}
        className="mx-auto max-w-xl px-4 py-10"
      >
        <h1 id="backup-codes-title" ref={heading} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
          Save your backup codes
        </h1>
        <p className="mt-2 text-slate-700">
          If you lose your phone, each code signs you in once instead of an authenticator code.
        </p>
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          This is the only time these codes are shown. Print, download or copy them now and keep them somewhere safe.
        </p>
        <ol
          data-testid="backup-codes"
          className="mt-6 grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-white p-3 font-mono text-lg min-[360px]:grid-cols-2 sm:p-4"
        >
          {codes.map((code) => (
            <li key={code} data-testid="backup-code" className="whitespace-nowrap text-center sm:tracking-wider">
              {code}
            </li>
          ))}
        </ol>
        {scripted ? (
          <>
            <div className="mt-4 flex flex-wrap gap-2">
              <button
                ref={printButton}
                type="button"
                onClick={() => {
                  setSaved(true);
                  setPrinting(true);
                }}
                className={BUTTON}
              >
                Print
              </button>
              <button type="button" onClick={download} className={BUTTON}>
                Download (.txt)
              </button>
              <button type="button" onClick={copy} className={BUTTON}>
                Copy
              </button>
            </div>
            <div role="status" className="mt-2 min-h-5 text-sm text-slate-700">
              {copyMessage}
            </div>
            <label className="mt-4 flex items-center gap-2 py-1 text-sm">
              <input
                type="checkbox"
                checked={acknowledged}
                onChange={(e) => setAcknowledged(e.target.checked)}
                className="h-4 w-4"
              />
              I have saved these codes
            </label>
            {!saved && <p className="mt-2 text-xs text-slate-600">Print, download or copy the codes to continue.</p>}
            <button
              type="button"
              onClick={finish}
              disabled={!done}
              className="mt-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50"
            >
              Continue
            </button>
          </>
        ) : (
          <>
            <p className="mt-4 text-sm text-slate-700">
              Print this page with your browser (it prints the codes alone) or write the codes down, then continue.
            </p>
            <a
              href="/account/security"
              className="mt-4 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white"
            >
              I have saved these codes: continue
            </a>
          </>
        )}
      </div>
      <BackupCodesPrintSheet
        codes={codes}
        accountEmail={accountEmail}
        createdAt={createdAt}
        open={printing}
        onClose={closePrint}
      />
    </div>
  );
}
