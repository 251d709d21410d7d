import type { TwoFactorMethod } from '../db/schema';
import type { Policy } from './policy';

/** `name` is the method in a sentence ("Sign-in will ask for a code by email first"). */
export type MethodOption = { value: TwoFactorMethod; label: string; name: string; note: string; disabled: boolean };

/**
 * The methods a user may choose to be asked for first: every method the company allows, with
 * those not usable yet shown but disabled, and why.
 */
export function preferenceOptions(input: {
  company: { allowTotp: boolean; allowDuo: boolean; allowPasskeys?: boolean };
  policy: Pick<Policy, 'methods' | 'otpChannel'> & Partial<Pick<Policy, 'source'>>;
  otpDestination: string | null;
  /** Duo Setup finished (Duo is the user's preferred method): only Duo Setup makes Duo choosable. */
  duoReady?: boolean;
}): MethodOption[] {
  const { company, policy } = input;
  const sms = policy.otpChannel === 'sms';
  // Strong methods only: the company offers no codes to a user who has another method.
  const codesRefused = policy.source === 'company' && !policy.methods.includes('otp');
  const options: MethodOption[] = [
    {
      value: 'otp',
      label: `A code by ${sms ? 'text message' : 'email'}${input.otpDestination ? ` (${input.otpDestination})` : ''}`,
      name: `a sign-in code by ${sms ? 'text message' : 'email'}`,
      note: codesRefused
        ? 'Your company accepts only stronger methods from you, such as your authenticator app.'
        : sms
          ? 'Text messages are the weaker method: they can be redirected.'
          : 'Works anywhere you can read your email.',
      disabled: codesRefused,
    },
  ];
  if (company.allowTotp) {
    const ready = policy.methods.includes('totp');
    options.push({
      value: 'totp',
      label: 'Authenticator app',
      name: 'your authenticator app',
      note: ready
        ? 'The stronger choice: codes never leave your phone.'
        : 'The stronger choice. Set up your authenticator app above first.',
      disabled: !ready,
    });
  }
  if (company.allowDuo)
    options.push({
      value: 'duo',
      label: 'Duo',
      name: 'Duo',
      note: input.duoReady
        ? 'Duo Push or a passcode from Duo Mobile.'
        : 'Press “Duo Setup” below first: it checks that Duo knows you, or activates Duo Mobile on your phone.',
      disabled: !input.duoReady,
    });
  if (company.allowPasskeys)
    options.push({
      value: 'passkey',
      label: 'Passkey or security key',
      name: 'your passkey or security key',
      note: policy.methods.includes('passkey')
        ? 'The strongest choice: nothing to type, and it cannot be phished.'
        : 'The strongest choice. Add a passkey or security key below first.',
      disabled: !policy.methods.includes('passkey'),
    });
  return options;
}
