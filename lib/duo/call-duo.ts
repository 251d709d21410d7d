import {
  DUO_RATE_LIMIT_RETRIES,
  DUO_RESPONSE_MAX_BYTES,
  DUO_RETRY_BASE_DELAY_MS,
  DUO_RETRY_MAX_DELAY_MS,
} from '../limits';
import { describeDuoFailure } from './describe-duo-failure';
import { parseRetryAfter, type DuoAnswer } from './read-duo-answer';
import {
  canonicalizeParams,
  canonicalJson,
  formatDuoDate,
  signRequest,
  type DuoSignatureVersion,
} from './sign-request';
import type { DuoFailure } from './types';

/** Everything a call needs; the secret key stays in here and never reaches a message or a log. */
export type DuoConnection = {
  ikey: string;
  skey: string;
  /** The API hostname: always the one signed. */
  host: string;
  /** Where requests go: https://<host>, or DUO_BASE_URL (a fake) with no trailing slash. */
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
  signatureVersion: DuoSignatureVersion;
};

export type DuoCall = {
  method: 'GET' | 'POST';
  path: string;
  params?: Record<string, string>;
  /** ping and the activation barcode are the only unsigned requests. */
  signed?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
};

const USER_AGENT = 'Latchkey (Duo Auth API client)';

/**
 * Sends one Duo API request: signed with a fresh Date on every attempt, sent to the base URL, timed
 * out, and retried after a 429 with growing waits (Retry-After honoured when it is short enough).
 * Returns the answer as read, or a failure when Duo could not be reached or kept refusing.
 */
export async function callDuo(connection: DuoConnection, call: DuoCall): Promise<DuoAnswer | DuoFailure> {
  const host = new URL(connection.baseUrl).host;
  const timeoutMs = call.timeoutMs ?? connection.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const { url, init } = buildRequest(connection, call);
    let answer: DuoAnswer;
    try {
      const response = await connection.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      answer = await readAnswer(response, call.maxBytes ?? DUO_RESPONSE_MAX_BYTES);
    } catch (error) {
      return networkFailure(error, { host, timeoutMs });
    }
    if (answer.status !== 429 || attempt >= DUO_RATE_LIMIT_RETRIES) return answer;
    const asked = parseRetryAfter(answer.retryAfter, connection.now());
    if (asked !== undefined && asked > DUO_RETRY_MAX_DELAY_MS) return answer;
    const backoff = DUO_RETRY_BASE_DELAY_MS * 2 ** attempt;
    await sleep(asked ?? backoff + Math.random() * (backoff / 2));
  }
}

function buildRequest(connection: DuoConnection, call: DuoCall): { url: string; init: RequestInit } {
  const params = call.params ?? {};
  const date = formatDuoDate(new Date(connection.now()));
  const json = connection.signatureVersion === 5 && call.method === 'POST';
  const form = call.method === 'POST' ? (json ? canonicalJson(params) : canonicalizeParams(params)) : undefined;
  const query = call.method === 'GET' ? canonicalizeParams(params) : '';
  const headers: Record<string, string> = { Date: date, 'User-Agent': USER_AGENT };
  if (form !== undefined) headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
  if (call.signed !== false) {
    headers.Authorization = signRequest({
      version: connection.signatureVersion,
      ikey: connection.ikey,
      skey: connection.skey,
      method: call.method,
      host: connection.host,
      path: call.path,
      date,
      // v5 signs a JSON body by its hash and leaves the parameter line empty.
      params: json ? {} : params,
      body: json ? form : '',
    }).authorization;
  }
  return {
    url: `${connection.baseUrl}${call.path}${query ? `?${query}` : ''}`,
    // Duo never redirects its API; a redirect must not carry a signed request elsewhere.
    init: { method: call.method, headers, body: form, redirect: 'manual', cache: 'no-store' },
  };
}

/** Reads the body up to maxBytes; a longer one is cut off and fails as unreadable. */
async function readAnswer(response: Response, maxBytes: number): Promise<DuoAnswer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new AnswerTooLarge();
      chunks.push(chunk);
    }
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    date: response.headers.get('date'),
    retryAfter: response.headers.get('retry-after'),
    bytes: Buffer.concat(chunks),
  };
}

class AnswerTooLarge extends Error {}

function networkFailure(error: unknown, context: { host: string; timeoutMs: number }): DuoFailure {
  if (error instanceof AnswerTooLarge) return describeDuoFailure({ kind: 'bad-response', host: context.host });
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return describeDuoFailure({ kind: 'timeout', host: context.host }, { timeoutMs: context.timeoutMs });
  }
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return describeDuoFailure(
    { kind: 'unreachable', host: context.host, detail: cause ?? (error as Error).message },
    { cause },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
