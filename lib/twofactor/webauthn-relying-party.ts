import { appUrl } from '../app-url';

/** The name browsers show while a passkey is created. */
export const RP_NAME = 'Latchkey';

/**
 * Who a passkey belongs to: the public address of the app (APP_URL, else AUTH_URL), never a
 * request's Host header, so a look-alike host that reaches this server cannot collect assertions
 * valid here. The RP ID is its host name; the origin what the browser must report.
 */
export function relyingParty(): { rpID: string; origin: string } {
  const url = new URL(appUrl('/'));
  return { rpID: url.hostname, origin: url.origin };
}
