'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { OtpInput } from '@/components/otp-input';
import { SubmitButton } from '@/components/submit-button';
import { verifySecondFactor } from './actions';

export function VerifyForm({ method }: { method: 'totp' | 'backup' | 'otp' }) {
  const [state, action] = useActionState(verifySecondFactor, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="method" value={method} />
      <FormMessage error={failed?.error} />
      {failed?.restart ? (
        <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
          Sign in again
        </Link>
      ) : (
        <>
          {method !== 'backup' ? (
            <OtpInput label="6-digit code" autoFocus />
          ) : (
            <Field
              label="Backup code"
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              className="font-mono tracking-widest"
              hint="One of the codes you saved when you turned on two-factor authentication, like 7KQ2M-X9PDA."
              required
              autoFocus
            />
          )}
          <SubmitButton className="w-full" pendingLabel="Checking…">
            Verify
          </SubmitButton>
        </>
      )}
    </form>
  );
}
