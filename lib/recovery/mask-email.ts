/**
 * Shows enough of an address for its owner to recognise it and little to anyone else:
 * "jane@example.com" becomes "j•••@example.com".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
