import type { TwoFactorMethod } from '../db/schema';
import type { Policy } from './policy';

export type MethodOption = { value: TwoFactorMethod; label: string; note: string; disabled: boolean };

/**
 * The methods a user may choose to be asked for first: every method the company allows, with
 * those not usable yet shown but disabled, and why.
 */
export function preferenceOptions(input: {
  company: { allowTotp: boolean; allowDuo: boolean };
  policy: Pick<Policy, 'methods' | 'otpChannel'>;
  otpDestination: string | null;
}): MethodOption[] {
  const { company, policy } = input;
  const sms = policy.otpChannel === 'sms';
  const options: MethodOption[] = [
    {
      value: 'otp',
      label: `A code by ${sms ? 'SMS' : 'email'}${input.otpDestination ? ` (${input.otpDestination})` : ''}`,
      note: sms ? 'SMS is the weaker method: texts can be redirected.' : 'Works anywhere you can read your email.',
      disabled: false,
    },
  ];
  if (company.allowTotp) {
    const ready = policy.methods.includes('totp');
    options.push({
      value: 'totp',
      label: 'Authenticator app (TOTP)',
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
      note: 'Sign-in with Duo is coming in a later release.',
      disabled: true,
    });
  return options;
}
