'use client';

import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import {
  SESSION_IDLE_DEFAULT_MINUTES,
  SESSION_IDLE_MAX_MINUTES,
  SESSION_IDLE_MIN_MINUTES,
  SESSION_LIFETIME_DEFAULT_HOURS,
  SESSION_LIFETIME_MAX_HOURS,
  SESSION_LIFETIME_MIN_HOURS,
  TRUSTED_BROWSER_MAX_DAYS,
} from '@/lib/limits';
import { saveSessionLimits, type SessionLimitValues } from './actions';

/** The two session limits of Company settings, with their bounds and defaults (checked again on the server). */
export function SessionLimitsForm({ initial }: { initial: SessionLimitValues }) {
  return (
    <ActionForm
      action={saveSessionLimits}
      success="Saved. Sessions already open follow the new limits from their next request."
      className="max-w-md space-y-4"
      aria-label="Session limits"
    >
      <Field
        label="Idle timeout (minutes)"
        name="idleMinutes"
        type="number"
        inputMode="numeric"
        min={SESSION_IDLE_MIN_MINUTES}
        max={SESSION_IDLE_MAX_MINUTES}
        step={1}
        required
        defaultValue={initial.idleMinutes}
        hint={`A session ends after this long without a request. From ${SESSION_IDLE_MIN_MINUTES} to ${SESSION_IDLE_MAX_MINUTES} minutes; the default is ${SESSION_IDLE_DEFAULT_MINUTES}.`}
      />
      <Field
        label="Maximum session length (hours)"
        name="lifetimeHours"
        type="number"
        inputMode="numeric"
        min={SESSION_LIFETIME_MIN_HOURS}
        max={SESSION_LIFETIME_MAX_HOURS}
        step={1}
        required
        defaultValue={initial.lifetimeHours}
        hint={`A session ends this long after sign-in, however active. From ${SESSION_LIFETIME_MIN_HOURS} to ${SESSION_LIFETIME_MAX_HOURS} hours; the default is ${SESSION_LIFETIME_DEFAULT_HOURS}.`}
      />
      <Field
        label="Trusted browsers (days)"
        name="trustedBrowserDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={TRUSTED_BROWSER_MAX_DAYS}
        step={1}
        required
        defaultValue={initial.trustedBrowserDays}
        hint={`At sign-in, users may choose “Don’t ask again on this browser” for this many days: the password is still asked, the second factor is not. 0 turns it off; at most ${TRUSTED_BROWSER_MAX_DAYS}. Lowering it applies at once.`}
      />
      <SubmitButton pendingLabel="Saving…">Save session settings</SubmitButton>
    </ActionForm>
  );
}
