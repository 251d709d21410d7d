import { PASSWORD_MIN_LENGTH } from '@/lib/limits';
import { Field } from './field';

/** A field for choosing a password, with the rule and the advice every such form gives. */
export function NewPasswordField({
  label = 'Password',
  name = 'password',
  error,
}: {
  label?: string;
  name?: string;
  error?: string;
}) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      error={error}
      hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
    />
  );
}
