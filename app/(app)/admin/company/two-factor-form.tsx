'use client';

import { useEffect, useRef, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import type { CompanyTwoFactorSettings } from '@/lib/admin/describe-company-policy';
import type { Result } from '@/lib/result';
import { TWO_FACTOR_ENFORCEMENT_MAX_DAYS } from '@/lib/limits';
import { formatEnforcementDate, startOfTypedDay } from '@/lib/twofactor/enforcement-date';
import { saveCompanyTwoFactor, type CompanyTwoFactorSaved } from './actions';

type Props = {
  settings: CompanyTwoFactorSettings;
  /** What turning it on means, with the counts (lib/admin/two-factor-impact.ts). */
  impact: string[];
  onSaved: (data: CompanyTwoFactorSaved) => void;
  onCancel: () => void;
};

/** Hands a successful save to the section (which closes the dialog and announces it). */
function OnSaved({ state, onSaved }: { state: Result<CompanyTwoFactorSaved> | null; onSaved: Props['onSaved'] }) {
  const latest = useRef(onSaved);
  useEffect(() => {
    latest.current = onSaved;
  });
  // Once per answer: a new callback (the section re-rendered) must not announce the same save twice.
  useEffect(() => {
    if (state?.ok) latest.current(state.data);
  }, [state]);
  return null;
}

/** The form of the "Configure" dialog: the one form pattern, so a refused save keeps every choice. */
export function TwoFactorForm({ settings, impact, onSaved, onCancel }: Props) {
  const [enabled, setEnabled] = useState(settings.enabled);
  const [duo, setDuo] = useState(settings.allowDuo);
  // A start date is offered when turning 2FA on, and while a date is still ahead (to change it).
  const dated = enabled && (!settings.enabled || settings.startsOn !== '');
  const [startsAt, setStartsAt] = useState<'now' | 'date'>(settings.startsOn ? 'date' : 'now');
  const [startsOn, setStartsOn] = useState(settings.startsOn || settings.dateRange.max);
  const startDay = startsAt === 'date' ? startOfTypedDay(startsOn) : null;
  const turningOn = enabled && !settings.enabled;
  const turningOff = settings.enabled && !enabled;
  return (
    <ActionForm
      action={saveCompanyTwoFactor}
      className="space-y-5 px-4 pt-4 sm:px-6"
      aria-labelledby="company-2fa-title"
    >
      {(state) => (
        <>
          <OnSaved state={state} onSaved={onSaved} />
          <label className="flex items-start gap-3">
            <input
              type="checkbox"
              name="enabled"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              aria-describedby={`company-2fa-enable-note${turningOn ? ' company-2fa-on-warning' : ''}`}
              className="mt-1 h-4 w-4 shrink-0"
            />
            <span>
              <span className="font-medium">Enable 2FA</span>
              <span id="company-2fa-enable-note" className="block text-sm text-slate-600">
                Every user of the company must pass a second factor. There are no exemptions; API Accounts use the HTTP
                API instead.
              </span>
            </span>
          </label>
          {/* Always there, so a screen reader hears the warning that appears in it. */}
          <div aria-live="polite">
            {turningOn && (
              <div
                id="company-2fa-on-warning"
                data-testid="company-2fa-on-warning"
                className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              >
                <p className="font-semibold">What happens when you save</p>
                {startDay && (
                  <p data-testid="company-2fa-date-warning">
                    Nothing changes until {formatEnforcementDate(startDay)}: users sign in with their password as today
                    and see a banner with the date and a button to set up their method. From then on:
                  </p>
                )}
                {impact.map((line) => (
                  <p key={line}>{line}</p>
                ))}
              </div>
            )}
            {turningOff && (
              <p
                className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                data-testid="company-2fa-off-warning"
              >
                Turning two-factor authentication off for the company lets users without an authenticator app sign in
                with their password alone.
              </p>
            )}
          </div>
          {dated && (
            <fieldset className="min-w-0 space-y-2 rounded-lg border border-slate-200 p-4">
              <legend className="px-1 text-sm font-medium">Starts</legend>
              <label className="flex items-center gap-3">
                <input
                  type="radio"
                  name="startsAt"
                  value="now"
                  checked={startsAt === 'now'}
                  onChange={() => setStartsAt('now')}
                  className="h-4 w-4 shrink-0"
                />
                At once
              </label>
              <label className="flex items-center gap-3">
                <input
                  type="radio"
                  name="startsAt"
                  value="date"
                  checked={startsAt === 'date'}
                  onChange={() => setStartsAt('date')}
                  className="h-4 w-4 shrink-0"
                />
                From a date
              </label>
              {startsAt === 'date' && (
                <div className="sm:pl-7">
                  <Field
                    label="Start date"
                    name="startsOn"
                    type="date"
                    min={settings.dateRange.min}
                    max={settings.dateRange.max}
                    value={startsOn}
                    onChange={(e) => setStartsOn(e.target.value)}
                    hint={`From the start of that day in UTC${startDay ? ` (${formatEnforcementDate(startDay)})` : ''}, at most ${TWO_FACTOR_ENFORCEMENT_MAX_DAYS} days ahead.`}
                  />
                </div>
              )}
            </fieldset>
          )}
          {/* Kept mounted while hidden, so unticking and ticking again keeps the choices. */}
          <fieldset hidden={!enabled} className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium">Methods</legend>
            <label className="flex items-start gap-3">
              <input type="checkbox" checked disabled className="mt-1 h-4 w-4 shrink-0" aria-describedby="otp-note" />
              <span>
                SMS/Email
                <span id="otp-note" className="block text-xs text-slate-600">
                  Always on: every user’s fallback. SMS and email are the weaker methods.
                </span>
              </span>
            </label>
            <label className="flex items-center gap-3">
              <input
                type="checkbox"
                name="allowTotp"
                defaultChecked={settings.allowTotp}
                className="h-4 w-4 shrink-0"
              />
              Authenticator app
            </label>
            <label className="flex items-center gap-3">
              <input
                type="checkbox"
                name="allowPasskeys"
                defaultChecked={settings.allowPasskeys}
                className="h-4 w-4 shrink-0"
              />
              Passkeys and security keys
            </label>
            <label className="flex items-center gap-3">
              <input
                type="checkbox"
                name="allowDuo"
                checked={duo}
                onChange={(e) => setDuo(e.target.checked)}
                className="h-4 w-4 shrink-0"
              />
              Duo
            </label>
            {/* The note is outside the label: the checkbox's name stays "Strong methods only". */}
            <div className="flex items-start gap-3">
              <input
                id="strong-methods-only"
                type="checkbox"
                name="strongMethodsOnly"
                defaultChecked={settings.strongMethodsOnly}
                aria-describedby="strong-only-note"
                className="mt-1 h-4 w-4 shrink-0"
              />
              <div>
                <label htmlFor="strong-methods-only">Strong methods only</label>
                <p id="strong-only-note" className="text-xs text-slate-600">
                  Users who have an authenticator app or Duo are never offered SMS/Email codes, so a stolen password
                  cannot fall back to a code that can be redirected. Users with nothing else keep SMS/Email; backup
                  codes still work.
                </p>
              </div>
            </div>
            {duo && (
              <div className="space-y-3 sm:pl-7">
                <Field
                  label="Integration key"
                  name="integrationKey"
                  defaultValue={settings.integrationKey}
                  autoComplete="off"
                />
                <Field
                  label="Secret key"
                  name="secretKey"
                  type="password"
                  autoComplete="off"
                  placeholder={settings.hasSecretKey ? 'Stored; leave empty to keep it' : ''}
                  hint={settings.hasSecretKey ? 'A secret key is stored. Leave this empty to keep it.' : undefined}
                />
                <Field
                  label="API hostname"
                  name="apiHost"
                  defaultValue={settings.apiHost}
                  placeholder="api-1a2b3c4d.duosecurity.com"
                />
                <p id="duo-keys-note" className="text-xs text-slate-600">
                  In the Duo Admin Panel › Applications › Protect an Application, choose “Auth API” and copy its
                  Integration key, Secret key and API hostname. Saving asks Duo whether they work; nothing is saved
                  until Duo accepts them. We store the secret key encrypted and never show it again. No Duo account yet?{' '}
                  <a
                    href="https://duo.com/pricing/duo-free"
                    target="_blank"
                    rel="noreferrer"
                    className="text-indigo-700 underline"
                  >
                    Duo Free (opens in a new tab)
                  </a>{' '}
                  covers up to 10 users.
                </p>
              </div>
            )}
          </fieldset>
          <div className="sticky bottom-0 -mx-4 flex justify-end gap-2 border-t border-slate-200 bg-white px-4 py-3 sm:-mx-6 sm:px-6">
            <button type="button" onClick={onCancel} className="rounded-md px-4 py-2 text-sm ring-1 ring-slate-300">
              Cancel
            </button>
            <SubmitButton pendingLabel={duo && enabled ? 'Checking with Duo…' : 'Saving…'}>Save</SubmitButton>
          </div>
        </>
      )}
    </ActionForm>
  );
}
