/**
 * Shows enough of an address for its owner to recognise it and little to anyone else:
 * "jane@example.com" becomes "j•••@example.com".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** "+15551234567" → "••••4567": enough to recognise your phone, not enough to learn the number. */
export function maskPhone(e164: string): string {
  return `••••${e164.slice(-4)}`;
}
