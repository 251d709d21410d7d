import type { InputHTMLAttributes } from 'react';
import { CODE_INPUT_MAX_LENGTH } from '@/lib/limits';
import { Field } from './field';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & {
  label: string;
  name?: string;
  error?: string;
  hint?: string;
};

/**
 * A 6-digit code field: numeric keypad on phones, autofill from SMS, pasted spaces and dashes
 * allowed ("1 2 3 4 5 6" is 11 characters: the cap is the server's, which strips them).
 */
export function OtpInput({ label, name = 'code', ...rest }: Props) {
  return (
    <Field
      label={label}
      name={name}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={CODE_INPUT_MAX_LENGTH}
      spellCheck={false}
      className="font-mono text-lg tracking-[0.3em]"
      required
      {...rest}
    />
  );
}
