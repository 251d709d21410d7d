'use client';

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { saveCompanyTwoFactor } from './actions';

type Settings = {
  enabled: boolean;
  allowTotp: boolean;
  allowDuo: boolean;
  integrationKey: string;
  apiHost: string;
  hasSecretKey: boolean;
};

/** The "Configure" dialog of Company › 2F Authentication. */
export function TwoFactorDialog({ settings }: { settings: Settings }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action, pending] = useActionState(saveCompanyTwoFactor, null);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [duo, setDuo] = useState(settings.allowDuo);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const form = useRef<HTMLFormElement>(null);

  // Every opening starts from what is saved: edits abandoned with Cancel or Escape are gone.
  function open() {
    setEnabled(settings.enabled);
    setDuo(settings.allowDuo);
    form.current?.reset();
    dialog.current?.showModal();
  }

  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  // Submitted by hand, not through the form's action prop: React resets a form after its action,
  // which would flip the checkboxes back while the dialog stays open after an error.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
      >
        Configure
      </button>
      {state?.ok && (
        <p role="status" className="mt-2 text-sm text-green-800" data-testid="company-2fa-saved">
          Saved.
        </p>
      )}
      <dialog
        ref={dialog}
        aria-labelledby="company-2fa-title"
        className="m-auto w-full max-w-lg rounded-xl p-0 backdrop:bg-slate-900/40"
      >
        <form ref={form} onSubmit={submit} className="space-y-5 p-6" noValidate>
          <h2 id="company-2fa-title" className="text-lg font-semibold">
            2F Authentication
          </h2>
          <FormMessage error={state && !state.ok && !state.fieldErrors ? state.error : null} />
          <label className="flex items-start gap-3">
            <input
              type="checkbox"
              name="enabled"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              className="mt-1 h-4 w-4"
            />
            <span>
              <span className="font-medium">Enable 2FA</span>
              <span className="block text-sm text-slate-600">
                Every user of the company must pass a second factor. There are no exemptions; API accounts use the HTTP
                API instead.
              </span>
            </span>
          </label>
          {/* Kept mounted while hidden, so unticking and ticking again keeps the choices. */}
          <fieldset hidden={!enabled} className="space-y-3 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium">Methods</legend>
            <label className="flex items-start gap-3">
              <input type="checkbox" checked disabled className="mt-1 h-4 w-4" aria-describedby="otp-note" />
              <span>
                SMS/Email
                <span id="otp-note" className="block text-xs text-slate-500">
                  Always on: every user’s fallback. SMS and email are the weaker methods.
                </span>
              </span>
            </label>
            <label className="flex items-center gap-3">
              <input type="checkbox" name="allowTotp" defaultChecked={settings.allowTotp} className="h-4 w-4" />
              Authenticator app (TOTP)
            </label>
            <label className="flex items-center gap-3">
              <input
                type="checkbox"
                name="allowDuo"
                checked={duo}
                onChange={(e) => setDuo(e.target.checked)}
                className="h-4 w-4"
              />
              Duo
            </label>
            {duo && (
              <div className="space-y-3 pl-7">
                <Field
                  label="Integration Key"
                  name="integrationKey"
                  defaultValue={settings.integrationKey}
                  error={errors.integrationKey}
                  autoComplete="off"
                />
                <Field
                  label="Secret Key"
                  name="secretKey"
                  type="password"
                  autoComplete="off"
                  error={errors.secretKey}
                  placeholder={settings.hasSecretKey ? 'Stored; leave empty to keep it' : ''}
                />
                <Field
                  label="API Hostname"
                  name="apiHost"
                  defaultValue={settings.apiHost}
                  error={errors.apiHost}
                  placeholder="api-1a2b3c4d.duosecurity.com"
                />
                <p className="text-xs text-slate-500">
                  Sign-in with Duo arrives in a later release; the keys are stored now, the secret key encrypted.
                </p>
              </div>
            )}
          </fieldset>
          {settings.enabled && !enabled && (
            <p
              className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="company-2fa-off-warning"
            >
              Turning company-wide 2FA off lets users without an authenticator app sign in with their password alone.
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md px-4 py-2 text-sm ring-1 ring-slate-300"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
            >
              {pending ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
