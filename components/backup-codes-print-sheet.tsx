'use client';

import { createPortal } from 'react-dom';

type Props = { codes: string[]; accountEmail: string; createdAt: string; onBack: () => void };

/** The print view: product, account, date, the codes and how to use them, on one page. */
export function BackupCodesPrintSheet({ codes, accountEmail, createdAt, onBack }: Props) {
  return createPortal(
    <div
      id="print-sheet"
      data-testid="print-sheet"
      className="fixed inset-0 z-50 overflow-y-auto bg-white p-10 text-black print:static"
    >
      <div className="mx-auto max-w-lg">
        <p className="text-xl font-bold">Latchkey backup codes</p>
        <p className="mt-1 text-sm">Account: {accountEmail}</p>
        <p className="text-sm">Created: {createdAt}</p>
        <ol className="mt-6 grid grid-cols-2 gap-x-8 gap-y-3 font-mono text-xl">
          {codes.map((code, i) => (
            <li key={code}>
              <span className="mr-2 text-sm text-gray-500">{i + 1}.</span>
              {code}
            </li>
          ))}
        </ol>
        <p className="mt-8 text-sm">
          When Latchkey asks for a code and you cannot use your authenticator app, choose “Use Backup Code” and enter
          one of these. Each code works once. Cross it off when used. Creating new codes makes these stop working.
        </p>
        <div className="no-print mt-8 flex gap-2">
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white"
          >
            Print again
          </button>
          <button type="button" onClick={onBack} className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300">
            Back to the codes
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
