import { randomInt } from 'node:crypto';
import { API_ACCOUNT_GENERATED_PASSWORD_LENGTH } from '../limits';

/** Letters and digits without the look-alikes (I O l 0 1): safe to read, paste and put in a config file. */
export const API_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A new API Account password from the operating system's random source (randomInt is unbiased). */
export function generateApiPassword(): string {
  let password = '';
  for (let i = 0; i < API_ACCOUNT_GENERATED_PASSWORD_LENGTH; i++)
    password += API_PASSWORD_ALPHABET[randomInt(API_PASSWORD_ALPHABET.length)];
  return password;
}
