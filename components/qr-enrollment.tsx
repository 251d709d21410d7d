'use client';

import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '@/lib/limits';

/** The QR code of the otpauth URI and, beneath it, the key for apps that cannot scan. */
export function QrEnrollment({ uri, formattedKey }: { uri: string; formattedKey: string }) {
  const [message, setMessage] = useState('');
  async function copy() {
    setMessage('');
    try {
      await navigator.clipboard.writeText(formattedKey.replace(/\s/g, ''));
      setMessage('Copied.');
    } catch {
      setMessage('Your browser did not allow copying. Select the key and copy it.');
    }
  }
  return (
    <div className="flex flex-col items-start gap-4 sm:flex-row">
      {/* Dark on light in every colour scheme, with a light margin: scanners need both. */}
      <div className="rounded-lg border border-slate-200 bg-[#fff] p-3">
        <QRCodeSVG
          value={uri}
          size={176}
          marginSize={2}
          bgColor="#ffffff"
          fgColor="#000000"
          title="QR code for your authenticator app"
        />
      </div>
      <div className="min-w-0 space-y-2 text-sm">
        <p className="text-slate-700">
          Scan the QR code with an authenticator app (Duo Mobile, Google Authenticator, Authy, 1Password, LastPass…).
          Can’t scan? Enter this key instead:
        </p>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Key</p>
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid="totp-key"
            className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-base tracking-wider"
          >
            {formattedKey}
          </code>
          <button
            type="button"
            onClick={copy}
            className="rounded-md px-3 py-1 text-sm text-indigo-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Copy key
          </button>
        </div>
        <p role="status" className="min-h-5 text-slate-700">
          {message}
        </p>
        <p className="text-xs text-slate-500">
          Time-based, {TOTP_DIGITS} digits, every {TOTP_PERIOD_SECONDS} seconds.
        </p>
      </div>
    </div>
  );
}
