'use client';

import { ActionForm, useFieldValue } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { API_ACCOUNT_PASSWORD_MIN_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { markApiAccountAction, rotateApiPasswordAction, unmarkApiAccountAction } from './api-account-actions';
import { OneTimeSecret } from './one-time-secret';
import { ConfirmCheckbox } from './step-form';

/** How an integration signs in with the password. */
function BasicAuthNote({ email }: { email: string }) {
  return (
    <p>
      Call the API with HTTP Basic authentication: <strong className="break-all">{email}</strong> as the username and
      this password.
    </p>
  );
}

/**
 * "Mark as API Account", and the password it generated. It stays mounted once the user is an API
 * Account (rendering nothing but that password), so the page refreshing into the API Account view
 * does not take the one chance to read the password away.
 */
export function MarkApiAccountForm({ userId, email, marked }: { userId: string; email: string; marked: boolean }) {
  return (
    <ActionForm
      action={markApiAccountAction}
      success={(d) =>
        d.generatedPassword
          ? 'Marked as API Account. Copy its password now.'
          : 'Marked as API Account. It calls the API with the password you set.'
      }
      className="space-y-4"
      aria-label={marked ? undefined : 'Mark as API Account'}
    >
      {(state) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          {/* Only while it is an API Account: turned back later, this answer is not shown again. */}
          {marked && state?.ok && state.data.generatedPassword && (
            <OneTimeSecret
              title="The API Account’s password"
              secret={state.data.generatedPassword}
              testId="api-password"
            >
              <BasicAuthNote email={email} />
            </OneTimeSecret>
          )}
          {!marked && <MarkFields />}
        </>
      )}
    </ActionForm>
  );
}

function MarkFields() {
  const choice = useFieldValue('choice') ?? 'generate';
  return (
    <>
      <fieldset className="group space-y-2">
        <legend className="text-sm font-medium text-slate-800">Its password</legend>
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input type="radio" name="choice" value="generate" defaultChecked={choice !== 'set'} className="h-4 w-4" />
          Generate a strong password (recommended)
        </label>
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input type="radio" name="choice" value="set" defaultChecked={choice === 'set'} className="h-4 w-4" />
          Set a password
        </label>
        {/* Shown only with "Set a password" chosen, by CSS alone: it works without JavaScript too. */}
        <div className="hidden max-w-md pt-2 group-has-[input[value=set]:checked]:block">
          <Field
            id="api-password-field"
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={PASSWORD_INPUT_MAX_LENGTH}
            hint={`At least ${API_ACCOUNT_PASSWORD_MIN_LENGTH} characters, and very hard to guess: a long mix of unrelated words, or let Latchkey generate one.`}
          />
        </div>
      </fieldset>
      <SubmitButton pendingLabel="Marking…">Mark as API Account</SubmitButton>
    </>
  );
}

/** A new generated password, shown once; the old one stops at once. */
export function RotatePasswordForm({ userId, email }: { userId: string; email: string }) {
  return (
    <ActionForm action={rotateApiPasswordAction} className="space-y-3" aria-label="Rotate password">
      {(state) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          {state?.ok && (
            <OneTimeSecret title="The new password" secret={state.data.password} testId="api-password">
              <BasicAuthNote email={email} />
            </OneTimeSecret>
          )}
          <ConfirmCheckbox name="confirmed" id="rotate-confirmed">
            I understand the current password stops working at once
          </ConfirmCheckbox>
          <SubmitButton variant="secondary" pendingLabel="Rotating…">
            Rotate password
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** Back to a regular user: its keys are revoked, and it signs in to the web app again. */
export function UnmarkForm({ userId }: { userId: string }) {
  return (
    <ActionForm action={unmarkApiAccountAction} className="space-y-3" aria-label="Turn back into a regular user">
      <input type="hidden" name="userId" value={userId} />
      <ConfirmCheckbox name="confirmed" id="unmark-confirmed">
        I understand every API key of this account is revoked and the API no longer accepts its password
      </ConfirmCheckbox>
      <SubmitButton variant="danger" pendingLabel="Working…">
        Turn back into a regular user
      </SubmitButton>
    </ActionForm>
  );
}
