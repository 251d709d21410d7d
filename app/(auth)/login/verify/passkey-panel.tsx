'use client';

import Link from 'next/link';
import { startAuthentication } from '@simplewebauthn/browser';
import { ActionForm } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { fail, type Result } from '@/lib/result';
import { passkeyOptionsAction, passkeySignInAction } from './passkey-actions';

const PROMPT_CLOSED = 'The passkey prompt was closed or timed out. Try again, or choose another method below.';

/** The browser's passkey ceremony: options from the server, the prompt, the answer checked by the server. */
async function usePasskey(): Promise<Result> {
  const options = await passkeyOptionsAction();
  if (!options.ok) return options;
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options.data });
  } catch {
    return fail(PROMPT_CLOSED);
  }
  const form = new FormData();
  form.set('response', JSON.stringify(response));
  return passkeySignInAction(form);
}

export function PasskeyPanel() {
  return (
    <ActionForm action={usePasskey} className="space-y-4" aria-label="Use a passkey or security key">
      {(state) =>
        state && !state.ok && state.restart ? (
          <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
            Sign in again
          </Link>
        ) : (
          <SubmitButton className="w-full" pendingLabel="Waiting for your passkey…">
            Use a passkey or security key
          </SubmitButton>
        )
      }
    </ActionForm>
  );
}
