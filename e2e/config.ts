/** Ports and provider settings shared by playwright.config.ts, the fakes and the specs. */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const FAKES_PORT = Number(process.env.E2E_FAKES_PORT ?? 3199);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const FAKES_URL = `http://127.0.0.1:${FAKES_PORT}`;

export const FAKE_RESEND_KEY = 're_e2e_test_key';
export const FAKE_TWILIO = {
  sid: 'AC00000000000000000000000000000e2e',
  token: 'e2e-twilio-token',
  from: '+15005550006',
};
/**
 * The fake Duo Auth API (e2e/fakes/duo.ts) knows this one integration, in Duo's formats (a 20-character
 * integration key, a 40-character secret key, an api-….duosecurity.com host). The app reaches it through
 * DUO_BASE_URL while it signs for `host`, as it would for Duo.
 */
export const FAKE_DUO = {
  ikey: 'DIE2EFAKE00000000000',
  skey: 'e2eFakeDuoSecretKey000000000000000000000',
  host: 'api-e2efake0.duosecurity.com',
};
/** A second server on the same build whose database is unreachable. */
export const DOWN_APP_PORT = Number(process.env.E2E_DOWN_APP_PORT ?? 3101);

/**
 * The environment of the e2e app server (playwright.config.ts), also given to the second instance
 * that e2e/instances starts on the same database, so both talk to the same provider fakes.
 */
export function appServerEnv(appUrl: string): Record<string, string> {
  return {
    AUTH_URL: appUrl,
    APP_URL: appUrl,
    RESEND_API_KEY: FAKE_RESEND_KEY,
    RESEND_BASE_URL: `${FAKES_URL}/resend`,
    EMAIL_FROM: 'Latchkey <security@latchkey.test>',
    TWILIO_ACCOUNT_SID: FAKE_TWILIO.sid,
    TWILIO_AUTH_TOKEN: FAKE_TWILIO.token,
    TWILIO_FROM: FAKE_TWILIO.from,
    TWILIO_BASE_URL: `${FAKES_URL}/twilio`,
    // Duo's real paths (/auth/v2/*, /frame/qr) are served at the root of the fakes server.
    DUO_BASE_URL: FAKES_URL,
    FAKES_PORT: String(FAKES_PORT),
    LATCHKEY_INSECURE_HTTP: '1',
    // Every journey signs up a company from 127.0.0.1.
    LATCHKEY_SIGNUPS_PER_IP_PER_HOUR: '1000',
    // …and signs in from it: the per-IP limit is for an address, not for a whole test run.
    LATCHKEY_SIGN_INS_PER_IP: '2000',
  };
}

/**
 * The e2e server's test clock (lib/clock.ts): an offset in milliseconds that moves the time the
 * enforcement date is compared with. Inside the e2e data folder, the only place it is honoured.
 */
export const TEST_CLOCK_FILE = '.data/e2e/test-clock';
