/**
 * Turns the captured browser requests into requests for any virtual user: the same headers and the
 * same multipart body React built, with that user's identifier, password, challenge cookie and code.
 */
import type { Capture, CapturedRequest } from './capture';
import { decodeBody, send, setCookieValue, type Reply } from './http';

type Part = { head: string; name: string; value: string };

/** Splits a multipart/form-data body into its parts (the bodies React builds are plain text). */
function parseMultipart(body: Buffer, contentType: string): { boundary: string; parts: Part[] } {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`Not a multipart body: ${contentType}`);
  const parts = body
    .toString('utf8')
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((raw) => {
      const text = raw.replace(/^\r\n/, '').replace(/\r\n$/, '');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split);
      const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
      return { head, name, value: text.slice(split + 4) };
    });
  return { boundary, parts };
}

function buildMultipart(boundary: string, parts: Part[]): Buffer {
  return Buffer.from(
    parts.map((part) => `--${boundary}\r\n${part.head}\r\n\r\n${part.value}\r\n`).join('') + `--${boundary}--\r\n`,
  );
}

/** Headers the transport sets per request, never replayed as captured. */
const TRANSPORT = new Set(['host', 'content-length', 'connection', 'cookie']);

type Template = { url: string; headers: Record<string, string>; boundary: string; parts: Part[] };

function template(request: CapturedRequest, fields: string[]): Template {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !TRANSPORT.has(name) && !name.startsWith(':')),
  );
  const { boundary, parts } = parseMultipart(request.body, request.headers['content-type'] ?? '');
  for (const field of fields) {
    if (!parts.some((part) => part.name.endsWith(`_${field}`)))
      throw new Error(`The captured form has no "${field}" field: ${parts.map((p) => p.name).join(', ')}`);
  }
  return { url: request.url, headers, boundary, parts };
}

function fill(t: Template, values: Record<string, string>): Buffer {
  const parts = t.parts.map((part) => {
    const field = Object.keys(values).find((key) => part.name.endsWith(`_${key}`));
    return field ? { ...part, value: values[field] } : part;
  });
  return buildMultipart(t.boundary, parts);
}

export type StepOutcome =
  { ok: true; reply: Reply; token?: string } | { ok: false; reply?: Reply; reason: string; retryAfterSeconds?: number };

export type Replayer = {
  /** POST the login action as the browser does; ok when it redirects to /login/verify with a challenge cookie. */
  password: (input: { identifier: string; password: string; ip: string; keepBody?: boolean }) => Promise<StepOutcome>;
  /** POST the verify action; ok when the answer carries the session cookie and redirects home. */
  verify: (input: { token: string; code: string; ip: string; keepBody?: boolean }) => Promise<StepOutcome>;
};

/**
 * Why an answer is not the expected redirect, in a few words (for the error tally): the form error
 * the action returned, and when it says the server is busy, how many seconds it asks to wait.
 */
function refusal(reply: Reply): { ok: false; reply: Reply; reason: string; retryAfterSeconds?: number } {
  if (reply.status !== 200) return { ok: false, reply, reason: `HTTP ${reply.status}` };
  const redirect = reply.headers['x-action-redirect'];
  if (redirect) return { ok: false, reply, reason: `redirect ${redirect}` };
  const error = /"error":"((?:[^"\\]|\\.){0,160})"/.exec(reply.body ? decodeBody(reply) : '')?.[1] ?? '';
  const header = Number(reply.headers['retry-after']);
  const stated = /(\d+)\s*(?:s\b|sec|second)/i.exec(error)?.[1];
  const retryAfterSeconds = header > 0 ? header : /busy/i.test(error) && stated ? Number(stated) : undefined;
  return { ok: false, reply, reason: error ? `form error: ${error.slice(0, 80)}` : 'no redirect', retryAfterSeconds };
}

/** Keep the body of an answer that is not a redirect: it carries the form error. */
const unlessRedirect = (headers: Reply['headers']) => !headers['x-action-redirect'];

export function replayer(capture: Capture): Replayer {
  const login = template(capture.login, ['identifier', 'password']);
  const verify = template(capture.verify, ['code']);
  return {
    async password({ identifier, password, ip, keepBody }) {
      const reply = await send({
        url: login.url,
        headers: login.headers,
        body: fill(login, { identifier, password }),
        localAddress: ip,
        keepBody: keepBody || unlessRedirect,
      });
      const token = setCookieValue(reply, 'lk_challenge');
      const redirect = String(reply.headers['x-action-redirect'] ?? '');
      if (reply.status === 200 && token && redirect.startsWith('/login/verify')) return { ok: true, reply, token };
      return refusal(reply);
    },
    async verify({ token, code, ip, keepBody }) {
      const reply = await send({
        url: verify.url,
        headers: { ...verify.headers, cookie: `lk_challenge=${token}` },
        body: fill(verify, { code }),
        localAddress: ip,
        keepBody: keepBody || unlessRedirect,
      });
      const session = setCookieValue(reply, 'authjs.session-token');
      const redirect = String(reply.headers['x-action-redirect'] ?? '');
      if (reply.status === 200 && session && new URL(redirect.split(';')[0], verify.url).pathname === '/')
        return { ok: true, reply };
      return refusal(reply);
    },
  };
}
