'use client';

import { useEffect, useRef } from 'react';

type Props = {
  codes: string[];
  accountEmail: string;
  createdAt: string;
  /** Shown on screen as a dialog (after "Print"); otherwise it exists for print media only. */
  open: boolean;
  onClose: () => void;
};

/**
 * The printed page: product, account, date, every code once and how to use them, on one A4 page.
 * It is always in the page, hidden on screen, so the browser's own print (Ctrl+P) of the codes
 * screen prints exactly this (globals.css, print section); the Print button shows it as a dialog
 * first. Dark on light in every colour scheme: it is a preview of paper.
 */
export function BackupCodesPrintSheet({ codes, accountEmail, createdAt, open, onClose }: Props) {
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!open) return;
    title.current?.focus();
    // On the document: Escape closes the sheet even when focus went past its last button.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  return (
    <div
      data-print-sheet
      data-testid="print-sheet"
      role={open ? 'dialog' : undefined}
      aria-modal={open ? true : undefined}
      aria-labelledby={open ? 'print-sheet-title' : undefined}
      className={
        open
          ? 'fixed inset-0 z-50 overflow-y-auto bg-[#fff] px-4 py-8 text-[#000] sm:p-10 print:static print:p-0'
          : 'hidden bg-[#fff] text-[#000] print:block'
      }
    >
      <div className="mx-auto max-w-lg">
        <h2 id="print-sheet-title" ref={title} tabIndex={-1} className="text-xl font-bold focus:outline-none">
          Latchkey backup codes
        </h2>
        <p className="mt-1 break-all text-sm">Account: {accountEmail}</p>
        <p className="text-sm">Created: {createdAt}</p>
        <ol className="mt-6 grid grid-cols-1 gap-x-8 gap-y-3 font-mono text-lg min-[360px]:grid-cols-2 print:grid-cols-2 print:text-xl">
          {codes.map((code, i) => (
            <li key={code} className="whitespace-nowrap">
              <span className="mr-2 text-sm text-[#555]">{i + 1}.</span>
              <span>{code}</span>
            </li>
          ))}
        </ol>
        <p className="mt-8 text-sm">
          When Latchkey asks for a code and you cannot use your authenticator app, choose “Use Backup Code” and enter
          one of these. Each code works once. Cross it off when used. Creating new codes makes these stop working.
        </p>
        <div className="mt-8 flex flex-wrap gap-2 print:hidden">
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded-md bg-[#4f46e5] px-3 py-2 text-sm font-semibold text-[#fff]"
          >
            Print again
          </button>
          <button type="button" onClick={onClose} className="rounded-md px-3 py-2 text-sm ring-1 ring-[#94a3b8]">
            Back to the codes
          </button>
        </div>
      </div>
    </div>
  );
}
