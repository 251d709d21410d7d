'use client';

import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { OtpInput } from '@/components/otp-input';
import { SubmitButton } from '@/components/submit-button';
import type { ChallengeMethod } from '@/lib/twofactor/policy';
import { verifySecondFactor } from './actions';
import { TrustBrowserCheckbox } from './trust-browser-checkbox';

const CODE_LABELS = { totp: 'Authenticator code', otp: 'Sign-in code' } as const;
const CODE_HINTS = {
  totp: 'The 6 digits your authenticator app shows now.',
  otp: 'The 6 digits in the message we sent you.',
} as const;

export function VerifyForm({
  method,
  trustDays = 0,
}: {
  method: Exclude<ChallengeMethod, 'duo' | 'passkey'>;
  trustDays?: number;
}) {
  return (
    <ActionForm action={verifySecondFactor} className="space-y-4" aria-label="Confirm it’s you">
      {(state) =>
        state && !state.ok && state.restart ? (
          <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
            Sign in again
          </Link>
        ) : (
          <>
            <input type="hidden" name="method" value={method} />
            {method !== 'backup' ? (
              <OtpInput label={CODE_LABELS[method]} hint={CODE_HINTS[method]} autoFocus />
            ) : (
              <Field
                label="Backup code"
                name="code"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                className="font-mono tracking-widest"
                hint="One of the backup codes you saved when you set up two-factor authentication, like 7KQ2M-X9PDA."
                required
                autoFocus
              />
            )}
            <TrustBrowserCheckbox days={trustDays} />
            <SubmitButton className="w-full" pendingLabel="Checking…">
              Verify
            </SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}
