'use client';

import { useCallback, useRef, useState } from 'react';
import type { CompanyTwoFactorSettings } from '@/lib/admin/describe-company-policy';
import { TwoFactorForm } from './two-factor-form';
import type { CompanyTwoFactorSaved } from './actions';

/** What the admin reads after a save: the change, and what it means for their own session. */
function confirmation(before: CompanyTwoFactorSettings, saved: CompanyTwoFactorSaved): string {
  if (saved.settings.enabled && saved.stepUpNext)
    return 'Saved. Two-factor authentication is on for the company. Your own session needs a second factor too: you will be asked for it on your next page.';
  if (saved.settings.enabled !== before.enabled)
    return `Saved. Two-factor authentication is ${saved.settings.enabled ? 'on' : 'off'} for the company.`;
  return 'Saved.';
}

/**
 * Company › 2F Authentication: the status, the "Configure" dialog, and the announced confirmation
 * after a save. The admin stays on this page: the status comes from the save's answer, so it is
 * right even when the page is not refreshed (a session that must now step up would leave it).
 */
export function TwoFactorSection({
  settings,
  status,
  impact,
}: {
  settings: CompanyTwoFactorSettings;
  status: string;
  impact: string[];
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(0);
  const [saved, setSaved] = useState<CompanyTwoFactorSaved | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const current = saved?.settings ?? settings;

  // Every opening starts from what is saved: edits abandoned with Cancel or Escape are gone.
  function open() {
    setOpened((n) => n + 1);
    setMessage(null);
    dialog.current?.showModal();
  }
  const close = useCallback(() => dialog.current?.close(), []);
  const onSaved = useCallback(
    (data: CompanyTwoFactorSaved) => {
      setSaved(data);
      setMessage(confirmation(current, data));
      dialog.current?.close();
    },
    [current],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1 basis-64">
          <h2 id="company-2fa" className="text-lg font-semibold">
            2F Authentication
          </h2>
          <p data-testid="company-2fa-status" className="mt-1 text-sm text-slate-600">
            {saved?.status ?? status}
          </p>
        </div>
        <button
          type="button"
          onClick={open}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Configure
        </button>
      </div>
      <div role="status">
        {message && (
          <p
            className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800"
            data-testid="company-2fa-saved"
          >
            {message}
          </p>
        )}
      </div>
      <dialog
        ref={dialog}
        aria-labelledby="company-2fa-title"
        className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-1.5rem)] max-w-lg overflow-y-auto overscroll-contain rounded-xl bg-white p-0 text-slate-900 backdrop:bg-black/50"
      >
        <div className="px-4 pt-5 sm:px-6">
          <h2 id="company-2fa-title" className="text-lg font-semibold">
            2F Authentication
          </h2>
        </div>
        <TwoFactorForm key={opened} settings={current} impact={impact} onSaved={onSaved} onCancel={close} />
      </dialog>
    </div>
  );
}
