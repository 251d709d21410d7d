'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { createPortal } from 'react-dom';
import { BackupCodesPrintSheet } from './backup-codes-print-sheet';

type RevealProps = { codes: string[]; accountEmail: string; createdAt: string; onDone: () => void };

const LEAVE_WARNING = 'You have not saved your backup codes. They cannot be shown again. Leave anyway?';

/**
 * The one and only time backup codes are shown. The codes live in this component's props (the
 * action's result), never in the database or the URL. Continue unlocks once they were printed,
 * downloaded or copied and the user ticked the box; leaving earlier asks first.
 */
export function BackupCodesReveal({ codes, accountEmail, createdAt, onDone }: RevealProps) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [printing, setPrinting] = useState(false);
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

  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // A reload shows the "cannot be shown again" page rather than the codes.
    window.history.replaceState(window.history.state, '', '/account/security/backup-codes');
  }, []);

  useEffect(() => {
    if (printing) return;
    // Like a page of its own: focus starts here and the page behind cannot be reached by Tab.
    const behind = Array.from(document.body.children).filter((el) => !el.contains(heading.current));
    for (const el of behind) el.setAttribute('inert', '');
    heading.current?.focus();
    return () => {
      for (const el of behind) el.removeAttribute('inert');
    };
  }, [printing]);

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
    if (!printing) return;
    document.body.classList.add('printing-codes');
    window.print();
    return () => document.body.classList.remove('printing-codes');
  }, [printing]);

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
    await navigator.clipboard.writeText(text);
    setSaved(true);
  }

  function finish() {
    onDone();
    router.replace('/account/security');
    router.refresh();
  }

  if (printing)
    return (
      <BackupCodesPrintSheet
        codes={codes}
        accountEmail={accountEmail}
        createdAt={createdAt}
        onBack={() => setPrinting(false)}
      />
    );

  // Rendered on <body>, above everything else on the page, like a page of its own.
  return createPortal(
    <div
      className="fixed inset-0 z-40 overflow-y-auto bg-slate-50"
      role="dialog"
      aria-modal="true"
      aria-labelledby="backup-codes-title"
    >
      <div className="mx-auto max-w-xl px-4 py-10">
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
          className="mt-6 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-4 font-mono text-lg"
        >
          {codes.map((code) => (
            <li key={code} data-testid="backup-code" className="text-center tracking-wider">
              {code}
            </li>
          ))}
        </ol>
        <div className="mt-4 flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => {
              setSaved(true);
              setPrinting(true);
            }}
            className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Print
          </button>
          <button
            type="button"
            onClick={download}
            className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Download (.txt)
          </button>
          <button
            type="button"
            onClick={copy}
            className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Copy
          </button>
        </div>
        <label className="mt-6 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(e) => setAcknowledged(e.target.checked)}
            className="h-4 w-4"
          />
          I have saved these codes
        </label>
        {!saved && <p className="mt-2 text-xs text-slate-500">Print, download or copy the codes to continue.</p>}
        <button
          type="button"
          onClick={finish}
          disabled={!done}
          className="mt-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50"
        >
          Continue
        </button>
      </div>
    </div>,
    document.body,
  );
}
