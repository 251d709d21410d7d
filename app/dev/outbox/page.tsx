import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getDb } from '@/lib/db/client';
import { outboxEnabled } from '@/lib/messaging/config';
import { listOutbox } from '@/lib/messaging/outbox';

export const metadata: Metadata = { title: 'Dev outbox · Latchkey' };
export const dynamic = 'force-dynamic';

/** Development only: what would have been emailed or texted. Production answers 404. */
export default async function OutboxPage() {
  if (!outboxEnabled()) notFound();
  const messages = await listOutbox(getDb());
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev outbox</h1>
      <p className="text-sm text-slate-600">
        Without RESEND_API_KEY or Twilio credentials, development keeps emails and text messages here instead of sending
        them. Newest first; reload to see new ones.
      </p>
      {messages.length === 0 && <p className="text-slate-500">Nothing has been sent yet.</p>}
      <ol className="space-y-4">
        {messages.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="outbox-message">
            <p className="text-xs uppercase tracking-wide text-slate-500">
              {m.channel === 'sms' ? 'SMS' : 'Email'} to {m.to} ·{' '}
              {m.createdAt.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC
            </p>
            {m.subject && <p className="mt-1 font-medium">{m.subject}</p>}
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-800">{m.text}</pre>
          </li>
        ))}
      </ol>
    </main>
  );
}
