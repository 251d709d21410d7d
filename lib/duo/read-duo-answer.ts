import { DUO_CLOCK_SKEW_NOTICE_MS } from '../limits';
import { describeDuoFailure } from './describe-duo-failure';
import type { DuoFailure, DuoImage, DuoProblemKind, DuoResult } from './types';

/** An answer as read off the wire: status, the headers that matter, the body (already size-capped). */
export type DuoAnswer = {
  status: number;
  contentType: string;
  date: string | null;
  retryAfter: string | null;
  bytes: Uint8Array;
};

type Envelope = { stat?: unknown; response?: unknown; code?: unknown; message?: unknown; message_detail?: unknown };

/**
 * Reads Duo's JSON envelope: `{ stat: "OK", response }` gives the response; `{ stat: "FAIL", code, message,
 * message_detail }` gives a failure whose kind follows Duo's code (401xx keys or clock, 403xx forbidden,
 * 400xx/404xx bad request, 429 rate limited, 5xx Duo's trouble). `now` judges the answer's Date header.
 */
export function readDuoAnswer<T>(answer: DuoAnswer, context: { host: string; now: number }): DuoResult<T> {
  let envelope: Envelope | null = null;
  try {
    envelope = JSON.parse(new TextDecoder().decode(answer.bytes)) as Envelope;
  } catch {
    envelope = null;
  }
  if (answer.status === 200 && envelope?.stat === 'OK' && 'response' in envelope) {
    return { ok: true, data: envelope.response as T };
  }
  return duoAnswerFailure(answer, envelope, context);
}

/** Reads an image answer (logo, activation barcode); anything else is read as Duo's JSON failure. */
export function readDuoImage(answer: DuoAnswer, context: { host: string; now: number }): DuoResult<DuoImage> {
  if (answer.status === 200 && /^image\//i.test(answer.contentType)) {
    return { ok: true, data: { contentType: answer.contentType, bytes: answer.bytes } };
  }
  const result = readDuoAnswer<unknown>(answer, context);
  if (!result.ok) return result;
  return describeDuoFailure({ kind: 'bad-response', host: context.host, httpStatus: answer.status });
}

function duoAnswerFailure(
  answer: DuoAnswer,
  envelope: Envelope | null,
  context: { host: string; now: number },
): DuoFailure {
  const failed = envelope?.stat === 'FAIL';
  const code = failed && envelope.code !== undefined && envelope.code !== null ? Number(envelope.code) : undefined;
  const problem = {
    host: context.host,
    httpStatus: answer.status,
    ...(code === undefined || Number.isNaN(code) ? {} : { code }),
    ...(failed && typeof envelope.message === 'string' ? { message: envelope.message } : {}),
    ...(failed && typeof envelope.message_detail === 'string' ? { detail: envelope.message_detail } : {}),
  };
  const serverTime = answer.date ? Date.parse(answer.date) : NaN;
  const skewMs = Number.isNaN(serverTime) ? undefined : serverTime - context.now;
  const kind = kindOf({ status: answer.status, code: problem.code, failed, skewMs });
  const retryAfterMs = kind === 'rate-limited' ? parseRetryAfter(answer.retryAfter, context.now) : undefined;
  return describeDuoFailure(
    { kind, ...problem },
    {
      ...(kind === 'clock' && skewMs !== undefined ? { skewMs } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
    },
  );
}

function kindOf(a: { status: number; code?: number; failed: boolean; skewMs?: number }): DuoProblemKind {
  const family = a.code === undefined ? a.status : Math.floor(a.code / 100);
  if (family === 401) {
    // A stale or future Date is refused like a bad credential (no public source documents its code):
    // when Duo's Date is far from ours, the clock, not the keys, is at fault.
    if (a.code === 40104 || a.code === 40105) return 'clock';
    if (a.skewMs !== undefined && Math.abs(a.skewMs) > DUO_CLOCK_SKEW_NOTICE_MS) return 'clock';
    return 'credentials';
  }
  if (family === 403) return 'forbidden';
  if (family === 429 || a.status === 429) return 'rate-limited';
  if (a.status >= 500 || family >= 500) return 'duo-error';
  if (!a.failed) return 'bad-response';
  if (family === 400 || family === 404 || family === 405) return 'bad-request';
  return 'duo-error';
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
