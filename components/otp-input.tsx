import type { InputHTMLAttributes } from 'react';
import { Field } from './field';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & {
  label: string;
  name?: string;
  error?: string;
  hint?: string;
};

/** A 6-digit code field: numeric keypad on phones, autofill from SMS, pasted spaces allowed. */
export function OtpInput({ label, name = 'code', ...rest }: Props) {
  return (
    <Field
      label={label}
      name={name}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 \-]*"
      maxLength={9}
      spellCheck={false}
      className="font-mono text-lg tracking-[0.3em]"
      required
      {...rest}
    />
  );
}
