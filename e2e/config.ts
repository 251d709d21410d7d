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
/** A second server on the same build whose database is unreachable. */
export const DOWN_APP_PORT = Number(process.env.E2E_DOWN_APP_PORT ?? 3101);
