/**
 * Loopback stand-ins for Resend, Twilio and Duo that speak their real HTTP APIs and check requests the
 * way the real services do (auth, content type, required fields, Duo's signatures). The app reaches them
 * through its production client code, pointed here by RESEND_BASE_URL, TWILIO_BASE_URL and DUO_BASE_URL.
 * Tests read what was "sent" from GET /_messages and script Duo through /_duo/* (e2e/fakes/duo.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FAKE_DUO, FAKE_RESEND_KEY, FAKE_TWILIO, FAKES_PORT } from '../config';
import { createDuoFake } from './duo';

type Sent = { id: string; channel: 'email' | 'sms'; to: string; subject?: string; text: string; at: number };
const sent: Sent[] = [];
/** Recipients for whom the next send fails, to test provider outages: POST /_fail {"to": "..."} */
const failing = new Set<string>();

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function resend(req: IncomingMessage, res: ServerResponse) {
  if (req.headers.authorization !== `Bearer ${FAKE_RESEND_KEY}`) {
    return json(res, 401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' });
  }
  if (!req.headers['content-type']?.startsWith('application/json')) {
    return json(res, 422, {
      statusCode: 422,
      name: 'invalid_parameter',
      message: 'Content-Type must be application/json',
    });
  }
  const email = JSON.parse(await body(req)) as {
    from?: string;
    to?: string | string[];
    subject?: string;
    text?: string;
    html?: string;
  };
  const to = Array.isArray(email.to) ? email.to[0] : email.to;
  if (!email.from || !to || !email.subject || !(email.html || email.text)) {
    return json(res, 422, {
      statusCode: 422,
      name: 'missing_required_field',
      message: 'from, to, subject and html or text are required',
    });
  }
  if (failing.delete(to))
    return json(res, 500, { statusCode: 500, name: 'application_error', message: 'Internal server error' });
  const id = randomUUID();
  sent.push({ id, channel: 'email', to, subject: email.subject, text: email.text ?? email.html ?? '', at: Date.now() });
  return json(res, 200, { id });
}

async function twilio(req: IncomingMessage, res: ServerResponse, sid: string) {
  const expected = `Basic ${Buffer.from(`${FAKE_TWILIO.sid}:${FAKE_TWILIO.token}`).toString('base64')}`;
  if (sid !== FAKE_TWILIO.sid || req.headers.authorization !== expected) {
    return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
  }
  const form = new URLSearchParams(await body(req));
  const to = form.get('To') ?? '';
  if (!/^\+[1-9]\d{6,14}$/.test(to) || !form.get('From') || !form.get('Body')) {
    return json(res, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
  }
  if (failing.delete(to)) return json(res, 503, { code: 20500, message: 'Internal Server Error', status: 503 });
  const id = `SM${randomUUID().replace(/-/g, '')}`;
  sent.push({ id, channel: 'sms', to, text: form.get('Body') ?? '', at: Date.now() });
  return json(res, 201, { sid: id, status: 'queued', to, from: form.get('From'), body: form.get('Body') });
}

const duo = createDuoFake({ host: FAKE_DUO.host, integrations: { [FAKE_DUO.ikey]: FAKE_DUO.skey } });

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://fakes');
  try {
    if (await duo.handle(req, res)) return;
    if (req.method === 'POST' && url.pathname === '/resend/emails') return await resend(req, res);
    const twilioPath = url.pathname.match(/^\/twilio\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
    if (req.method === 'POST' && twilioPath) return await twilio(req, res, decodeURIComponent(twilioPath[1]));
    if (req.method === 'GET' && url.pathname === '/_messages') {
      const to = url.searchParams.get('to');
      return json(res, 200, to ? sent.filter((m) => m.to === to) : sent);
    }
    if (req.method === 'POST' && url.pathname === '/_fail') {
      failing.add((JSON.parse(await body(req)) as { to: string }).to);
      return json(res, 200, { ok: true });
    }
    if (req.method === 'GET' && url.pathname === '/_health') return json(res, 200, { ok: true });
    return json(res, 404, { message: 'Not found' });
  } catch (error) {
    return json(res, 500, { message: (error as Error).message });
  }
});

server.listen(FAKES_PORT, '127.0.0.1', () => console.log(`fake providers on ${FAKES_PORT}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
