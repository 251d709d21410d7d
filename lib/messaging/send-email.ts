import type { ReactElement } from 'react';
import { render } from '@react-email/components';
import { Resend } from 'resend';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema';
import { emailConfig, outboxEnabled } from './config';
import { DeliveryError } from './errors';

export type EmailMessage = { to: string; subject: string; react: ReactElement };

/**
 * Sends an email through Resend, or, in development without RESEND_API_KEY, stores it in the dev
 * outbox (/dev/outbox). Throws DeliveryError when the provider refuses or is unreachable.
 */
export async function sendEmail(db: DbOrTx, message: EmailMessage): Promise<void> {
  const [html, text] = await Promise.all([render(message.react), render(message.react, { plainText: true })]);
  const config = emailConfig();
  if (!config.apiKey) {
    if (!outboxEnabled())
      throw new DeliveryError('email', 'Email is not configured: set RESEND_API_KEY and EMAIL_FROM.');
    await db.insert(outboxMessages).values({ channel: 'email', to: message.to, subject: message.subject, text, html });
    return;
  }
  const resend = new Resend(config.apiKey, { baseUrl: config.baseUrl });
  let result;
  try {
    result = await resend.emails.send({ from: config.from, to: message.to, subject: message.subject, html, text });
  } catch (error) {
    throw new DeliveryError('email', `Resend could not be reached: ${(error as Error).message}`);
  }
  if (result.error) throw new DeliveryError('email', `Resend refused the email: ${result.error.message}`);
}
