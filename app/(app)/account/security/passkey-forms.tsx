'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useId } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { PASSKEY_NAME_MAX_LENGTH } from '@/lib/limits';
import { fail, type Result } from '@/lib/result';
import { finishPasskeyAction, removePasskeyAction, startPasskeyAction } from './passkey-actions';
import { ReauthPassword } from './reauth-password';

/** The browser's part of adding a key: our options, the browser's prompt, the answer checked by our server. */
async function addPasskey(_prev: unknown, formData: FormData): Promise<Result> {
  const options = await startPasskeyAction(null, formData);
  if (!options.ok) return options;
  let response;
  try {
    response = await startRegistration({ optionsJSON: options.data });
  } catch (error) {
    // InvalidStateError: the authenticator already holds one of this account's keys (excludeCredentials).
    return fail(
      error instanceof Error && error.name === 'InvalidStateError'
        ? 'This passkey or security key is already added to your account.'
        : 'The passkey prompt was closed or timed out. Try again.',
    );
  }
  const name = String(formData.get('name') ?? '');
  return finishPasskeyAction({ name, response: JSON.stringify(response) });
}

export function AddPasskeyForm({ confirmed }: { confirmed: boolean }) {
  const id = useId();
  return (
    <ActionForm
      action={addPasskey}
      resetOnSuccess
      success="Passkey added. Sign-in will offer it first."
      className="space-y-4"
      aria-label="Add a passkey or security key"
    >
      <Field
        label="Name"
        name="name"
        autoComplete="off"
        maxLength={PASSKEY_NAME_MAX_LENGTH}
        hint="So you can tell your keys apart, like “Work laptop” or “Blue security key”."
        required
      />
      <ReauthPassword confirmed={confirmed} id={`${id}-password`} />
      <SubmitButton pendingLabel="Waiting for your passkey…">Add a passkey or security key</SubmitButton>
    </ActionForm>
  );
}

export function RemovePasskeyForm({
  passkeyId,
  name,
  confirmed,
}: {
  passkeyId: string;
  name: string;
  confirmed: boolean;
}) {
  const id = useId();
  return (
    <ActionForm action={removePasskeyAction} className="space-y-2" aria-label={`Remove ${name}`}>
      <input type="hidden" name="id" value={passkeyId} />
      <ReauthPassword confirmed={confirmed} id={`${id}-password`} />
      <SubmitButton variant="secondary" pendingLabel="Removing…" aria-label={`Remove ${name}`}>
        Remove
      </SubmitButton>
    </ActionForm>
  );
}
