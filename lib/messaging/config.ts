/** Provider settings from the environment; base URLs are overridable so tests can use loopback fakes. */
export function emailConfig() {
  return {
    apiKey: process.env.RESEND_API_KEY || null,
    baseUrl: process.env.RESEND_BASE_URL || 'https://api.resend.com',
    from: process.env.EMAIL_FROM || 'Latchkey <security@latchkey.local>',
  };
}

export function smsConfig() {
  const sid = process.env.TWILIO_ACCOUNT_SID || null;
  const token = process.env.TWILIO_AUTH_TOKEN || null;
  const from = process.env.TWILIO_FROM || null;
  return {
    credentials: sid && token && from ? { sid, token, from } : null,
    baseUrl: process.env.TWILIO_BASE_URL || 'https://api.twilio.com',
  };
}

/** Outside production, a missing provider means "keep it in the dev outbox". */
export function outboxEnabled(): boolean {
  return process.env.NODE_ENV !== 'production';
}
