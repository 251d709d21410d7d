'use client';

import { useFieldError } from '@/components/action-form';
import { Field } from '@/components/field';
import { formatDuration } from '@/lib/format-duration';
import { REAUTH_WINDOW_MS } from '@/lib/limits';

/**
 * The password a security change asks for outside the re-authentication window. Inside it the
 * field is left out; it comes back when the server says the window closed meanwhile (the server
 * decides from the session row, never from whether the form had the field).
 */
export function ReauthPassword({ confirmed, id }: { confirmed: boolean; id: string }) {
  const error = useFieldError('password');
  if (confirmed && !error) return null;
  return (
    <Field
      label="Password"
      name="password"
      id={id}
      type="password"
      autoComplete="current-password"
      required
      hint={`Confirms it’s you. Other changes on this page then won’t ask for ${formatDuration(REAUTH_WINDOW_MS)}.`}
    />
  );
}
