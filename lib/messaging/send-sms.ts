import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema';
import { outboxEnabled, smsConfig } from './config';
import { SMS_PROVIDER_TIMEOUT_MS } from '../limits';
import { DeliveryError } from './errors';

/**
 * Sends a text through Twilio's Messages REST API, or, in development without Twilio credentials,
 * stores it in the dev outbox. Throws DeliveryError when Twilio refuses or is unreachable.
 */
export async function sendSms(db: DbOrTx, message: { to: string; body: string }): Promise<void> {
  const config = smsConfig();
  if (!config.credentials) {
    if (!outboxEnabled())
      throw new DeliveryError(
        'sms',
        'SMS is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM.',
      );
    await db.insert(outboxMessages).values({ channel: 'sms', to: message.to, text: message.body });
    return;
  }
  const { sid, token, from } = config.credentials;
  let response: Response;
  try {
    response = await fetch(`${config.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: message.to, From: from, Body: message.body }),
      signal: AbortSignal.timeout(SMS_PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError('sms', `Twilio could not be reached: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const detail = (await response.json().catch(() => ({}))) as { message?: string };
    throw new DeliveryError('sms', `Twilio refused the message (${response.status}): ${detail.message ?? 'no detail'}`);
  }
}
