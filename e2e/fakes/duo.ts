/**
 * A loopback stand-in for Duo's Auth API (https://duo.com/docs/authapi) at Duo's real paths. It checks
 * every request's signature as Duo does (lib/duo/sign-request, the code production signs with), answers
 * in Duo's JSON shapes, serves activation barcodes at /frame/qr like Duo's API host, and is scripted by
 * tests through /_duo/* (users and devices, push outcomes, activation, faults) or in-process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  auth,
  authStatus,
  check,
  enroll,
  enrollStatus,
  preauth,
  type Answer,
  type AuthApiContext,
} from './duo-auth-api';
import { barcodePng } from './duo-png';
import { verifyDuoRequest, type DuoRefusal } from './duo-signature';
import { fail, readBody, send, sendPng } from './duo-http';
import { createDuoScript, serveDuoScript, type DuoFaults, type Logged } from './duo-script';
import { DuoWorld } from './duo-world';

export type DuoFakeOptions = {
  /** The API hostname the fake is: signatures must be over this host. */
  host: string;
  /** Known integration keys and their secret keys. */
  integrations: Record<string, string>;
  /** How far a request's Date may be from the fake's clock (Duo publishes no number; a few minutes). */
  clockToleranceMs?: number;
  /** How long auth_status holds a request while nothing changes. */
  longPollMs?: number;
  now?: () => number;
};

type Endpoint = {
  method: 'GET' | 'POST';
  run: (params: Record<string, string>, context: AuthApiContext) => Answer | Promise<Answer>;
};
const ENDPOINTS: Record<string, Endpoint> = {
  '/auth/v2/check': { method: 'GET', run: check },
  '/auth/v2/preauth': { method: 'POST', run: preauth },
  '/auth/v2/auth': { method: 'POST', run: auth },
  '/auth/v2/auth_status': { method: 'GET', run: authStatus },
  '/auth/v2/enroll': { method: 'POST', run: enroll },
  '/auth/v2/enroll_status': { method: 'POST', run: enrollStatus },
};

export function createDuoFake(options: DuoFakeOptions) {
  const world = new DuoWorld();
  const integrations = new Map(Object.entries(options.integrations));
  const now = options.now ?? Date.now;
  const faults: DuoFaults = {};
  const requests: Logged[] = [];

  /** Duo's own paths: ping, the signed API, the logo and the barcode images. */
  async function serveDuo(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = await readBody(req);
    const json = /^application\/json/i.test(req.headers['content-type'] ?? '');
    const form = req.method === 'POST' && !json ? new URLSearchParams(raw) : url.searchParams;
    const params: Record<string, string> = Object.fromEntries(form);
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      const code = (payload as { code?: number }).code;
      requests.push({ method: req.method ?? '', path: url.pathname, params, status, ...(code ? { code } : {}) });
      return send(res, status, payload, headers);
    };
    const refuse = (refusal: DuoRefusal, headers?: Record<string, string>) =>
      reply(refusal.status, fail(refusal), headers);

    const fault = await takeFault(res);
    if (fault === 'gone') return;
    if (fault) return refuse(fault, fault.headers);
    if (url.pathname === '/auth/v2/ping' && req.method === 'GET') {
      return reply(200, { stat: 'OK', response: { time: Math.floor(now() / 1000) } });
    }
    if (url.pathname === '/frame/qr' && req.method === 'GET') {
      if (!params.value)
        return refuse({ status: 400, code: 40002, message: 'Invalid request parameters', detail: 'value' });
      requests.push({ method: 'GET', path: url.pathname, params, status: 200 });
      return sendPng(res, barcodePng(params.value));
    }
    const repeated = [...form.keys()].some((key, index, keys) => keys.indexOf(key) !== index);
    const verified = verifyDuoRequest(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        params: repeated ? groupParams(form) : params,
        body: raw,
        headers: req.headers,
      },
      { host: options.host, integrations, now: now(), toleranceMs: options.clockToleranceMs ?? 5 * 60_000 },
    );
    if (!verified.ok) return refuse(verified.refusal);
    if (json) Object.assign(params, JSON.parse(raw || '{}'));

    if (url.pathname === '/auth/v2/logo' && req.method === 'GET') {
      requests.push({ method: 'GET', path: url.pathname, params, status: 200 });
      return sendPng(res, barcodePng('logo'));
    }
    const endpoint = ENDPOINTS[url.pathname];
    if (!endpoint) return refuse({ status: 404, code: 40401, message: 'Resource not found' });
    if (endpoint.method !== req.method) return refuse({ status: 405, code: 40501, message: 'Method not allowed' });
    const context = { world, host: options.host, now: now(), longPollMs: options.longPollMs ?? 1_000 };
    const answer = await endpoint.run(params, context);
    if ('refusal' in answer) return refuse(answer.refusal);
    return reply(200, { stat: 'OK', response: answer.response });
  }

  /**
   * Decides a request's faults when it arrives (a slow request must not take faults scripted after it),
   * then waits out any delay. Returns 'gone' when the caller hung up meanwhile: nothing more is done.
   */
  async function takeFault(
    res: ServerResponse,
  ): Promise<(DuoRefusal & { headers?: Record<string, string> }) | null | 'gone'> {
    const delayMs = faults.delay && faults.delay.count-- > 0 ? faults.delay.ms : 0;
    let fault: (DuoRefusal & { headers?: Record<string, string> }) | null = null;
    if (faults.rateLimit && faults.rateLimit.count-- > 0) {
      const { retryAfter } = faults.rateLimit;
      fault = { status: 429, code: 42901, message: 'Too Many Requests' };
      if (retryAfter !== undefined) fault.headers = { 'Retry-After': retryAfter };
    } else if (faults.fail && faults.fail.count-- > 0) {
      fault = { status: faults.fail.status, code: faults.fail.status * 100 + 1, message: 'Internal server error' };
    }
    if (delayMs > 0) {
      let gone = false;
      res.once('close', () => (gone = !res.writableFinished));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (gone) return 'gone';
    }
    return fault;
  }

  const script = createDuoScript({ world, faults, requests });

  /** Handles Duo's paths and /_duo/*; returns false for any other path (left to the caller). */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://duo-fake');
    if (url.pathname.startsWith('/_duo/')) await serveDuoScript(script, req, res, url);
    else if (url.pathname.startsWith('/auth/v2/') || url.pathname === '/frame/qr') await serveDuo(req, res, url);
    else return false;
    return true;
  }

  return { handle, script, world };
}

export type DuoFake = ReturnType<typeof createDuoFake>;
export type { DuoFaults };

function groupParams(form: URLSearchParams): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [key, value] of form) (grouped[key] ??= []).push(value);
  return grouped;
}
