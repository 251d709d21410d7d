import {
  DUO_AUTH_STATUS_TIMEOUT_MS,
  DUO_AUTH_WAIT_TIMEOUT_MS,
  DUO_IMAGE_MAX_BYTES,
  DUO_REQUEST_TIMEOUT_MS,
} from '../limits';
import { callDuo, type DuoCall, type DuoConnection } from './call-duo';
import { describeDuoFailure } from './describe-duo-failure';
import { readDuoAnswer, readDuoImage } from './read-duo-answer';
import type { DuoSignatureVersion } from './sign-request';
import type { DuoAuthInput, DuoClient, DuoImage, DuoResult } from './types';

export type { DuoClient };

export type DuoClientOptions = {
  ikey: string;
  skey: string;
  /** The API hostname (api-XXXXXXXX.duosecurity.com): signed into every request. */
  host: string;
  /** DUO_BASE_URL, read by the caller: send every call there instead of https://<host> (tests, fakes). */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The clock that dates requests (tests skew it). */
  now?: () => number;
  /** 2 (form parameters, the default, as the Node and Go clients) or 5 (JSON bodies, as the Python client). */
  signatureVersion?: DuoSignatureVersion;
};

/**
 * A Duo Auth API client that signs every request as Duo's official clients do. Failures come back
 * as a Result with a message saying what to do and Duo's code and words for the audit log.
 */
export function createDuoClient(options: DuoClientOptions): DuoClient {
  const connection: DuoConnection = {
    ikey: options.ikey,
    skey: options.skey,
    host: options.host.trim().toLowerCase(),
    baseUrl: (options.baseUrl || `https://${options.host.trim().toLowerCase()}`).replace(/\/+$/, ''),
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? DUO_REQUEST_TIMEOUT_MS,
    now: options.now ?? Date.now,
    signatureVersion: options.signatureVersion ?? 2,
  };
  const target = new URL(connection.baseUrl).host;

  async function json<T>(call: DuoCall): Promise<DuoResult<T>> {
    const answer = await callDuo(connection, call);
    if ('ok' in answer) return answer;
    return readDuoAnswer<T>(answer, { host: target, now: connection.now() });
  }

  async function image(call: DuoCall): Promise<DuoResult<DuoImage>> {
    const answer = await callDuo(connection, { ...call, maxBytes: DUO_IMAGE_MAX_BYTES });
    if ('ok' in answer) return answer;
    return readDuoImage(answer, { host: target, now: connection.now() });
  }

  return {
    ping: () => json({ method: 'GET', path: '/auth/v2/ping', signed: false }),
    check: () => json({ method: 'GET', path: '/auth/v2/check' }),
    preauth: (input) => json({ method: 'POST', path: '/auth/v2/preauth', params: defined(input) }),
    auth: ((input: DuoAuthInput & { async?: boolean }) => {
      const waits = !input.async && input.factor !== 'passcode' && input.factor !== 'sms';
      return json({
        method: 'POST',
        path: '/auth/v2/auth',
        params: authParams(input),
        ...(waits ? { timeoutMs: Math.max(DUO_AUTH_WAIT_TIMEOUT_MS, connection.timeoutMs) } : {}),
      });
    }) as DuoClient['auth'],
    authStatus: (txid) =>
      json({
        method: 'GET',
        path: '/auth/v2/auth_status',
        params: { txid },
        timeoutMs: Math.max(DUO_AUTH_STATUS_TIMEOUT_MS, connection.timeoutMs),
      }),
    enroll: (input = {}) =>
      json({
        method: 'POST',
        path: '/auth/v2/enroll',
        params: defined({ username: input.username, valid_secs: input.valid_secs?.toString() }),
      }),
    enrollStatus: (input) => json({ method: 'POST', path: '/auth/v2/enroll_status', params: defined(input) }),
    logo: () => image({ method: 'GET', path: '/auth/v2/logo' }),
    activationBarcode: async (url) => {
      const parsed = URL.canParse(url) ? new URL(url) : null;
      if (
        !parsed ||
        parsed.protocol !== 'https:' ||
        parsed.host !== connection.host ||
        parsed.pathname !== '/frame/qr'
      ) {
        return describeDuoFailure({ kind: 'bad-response', host: target, detail: 'not a Duo activation barcode URL' });
      }
      const params = Object.fromEntries(parsed.searchParams);
      return image({ method: 'GET', path: parsed.pathname, params, signed: false });
    },
  };
}

function authParams(input: DuoAuthInput & { async?: boolean }): Record<string, string> {
  if (input.factor === 'passcode' && !input.passcode) throw new Error('A passcode authentication needs a passcode');
  const { pushinfo, async: isAsync, device, ...rest } = input;
  return defined({
    ...rest,
    device: device ?? (input.factor === 'passcode' ? undefined : 'auto'),
    pushinfo: pushinfo ? new URLSearchParams(pushinfo).toString() : undefined,
    async: isAsync ? '1' : undefined,
  });
}

/** Drops unset parameters: Duo signs exactly what is sent. */
function defined(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
