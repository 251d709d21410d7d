'use client';

import { useState, type ReactNode } from 'react';

/**
 * A password or key shown the one time it exists in clear: it lives only in the action's answer
 * (never in the database, the URL or a hidden input), so reloading the page cannot show it again.
 * Like the key beside a QR code, a Copy button puts it on the clipboard.
 */
export function OneTimeSecret({
  title,
  secret,
  testId,
  children,
}: {
  title: string;
  secret: string;
  testId: string;
  /** How to use it. */
  children: ReactNode;
}) {
  const [message, setMessage] = useState('');
  async function copy() {
    setMessage('');
    try {
      await navigator.clipboard.writeText(secret);
      setMessage('Copied.');
    } catch {
      setMessage('Your browser did not allow copying. Select the text and copy it.');
    }
  }
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-semibold">{title}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="break-all rounded bg-white px-2 py-1 font-mono text-base text-slate-900 ring-1 ring-amber-200"
        >
          {secret}
        </code>
        <button
          type="button"
          onClick={copy}
          className="min-h-6 rounded-md bg-white px-3 py-1 text-sm font-medium text-indigo-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Copy
        </button>
      </div>
      <p role="status" className="min-h-5">
        {message}
      </p>
      <p role="note">This is the only time it is shown. Copy it now and keep it in the integration’s settings.</p>
      <div className="text-amber-950">{children}</div>
    </div>
  );
}
