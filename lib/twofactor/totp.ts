import { generateSecret, generateURI, verifySync } from 'otplib';
import { TOTP_DIGITS, TOTP_ISSUER, TOTP_PERIOD_SECONDS, TOTP_TOLERANCE_STEPS } from '../limits';

/** A new 160-bit secret, base32 (RFC 4226 recommends 160 bits). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI for the QR code: issuer "Latchkey", account name the user's email. */
export function totpUri(options: { secret: string; accountName: string }): string {
  return generateURI({
    issuer: TOTP_ISSUER,
    label: options.accountName,
    secret: options.secret,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The secret in groups of four, for typing into apps that cannot scan. */
export function formatTotpKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Digits only: pasted codes often carry spaces or a dash ("123 456"). Null if not 6 digits. */
export function normalizeOtp(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/**
 * Checks a 6-digit code against the secret at `now`, ±1 step. Returns the matched time step so the
 * caller can record it: a step at or before the last used one must be refused (no replay).
 */
export function checkTotp(options: {
  secret: string;
  code: string;
  now: Date;
  afterTimeStep?: number | null;
}): TotpCheck {
  const token = normalizeOtp(options.code);
  if (!token) return { valid: false };
  const result = verifySync({
    secret: options.secret,
    token,
    epoch: Math.floor(options.now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_STEPS * TOTP_PERIOD_SECONDS,
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    ...(options.afterTimeStep != null ? { afterTimeStep: options.afterTimeStep } : {}),
  });
  // otplib's return type also covers HOTP; a TOTP result always carries its time step.
  return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
}
