import { createHash, createHmac } from 'node:crypto';

/** Request parameters as Duo signs them: a name maps to one value or to several (repeated). */
export type DuoParams = Readonly<Record<string, string | readonly string[]>>;

/**
 * 2: date, method, host, path and the form parameters (Auth API's documented form).
 * 5: the same plus a SHA-512 hash of the JSON body and of the X-Duo-* headers (duo_client_python's default).
 */
export type DuoSignatureVersion = 2 | 5;

/** HMAC-SHA1 is what Duo's older docs show; every current official client signs with HMAC-SHA512. */
export type DuoDigest = 'SHA-1' | 'SHA-512';

export type SignableRequest = {
  version: DuoSignatureVersion;
  /** The Date header exactly as sent (RFC 2822), see formatDuoDate. */
  date: string;
  method: string;
  /** The API hostname Duo knows (api-XXXXXXXX.duosecurity.com), even when the request goes elsewhere. */
  host: string;
  path: string;
  /** Query (GET) or form (POST, v2) parameters; v5 POST sends them as the JSON body instead. */
  params: DuoParams;
  /** v5 only: the exact request body ('' for GET). */
  body?: string;
  /** v5 only: X-Duo-* headers that are sent and signed. */
  duoHeaders?: Readonly<Record<string, string>>;
};

/**
 * RFC 3986 percent-encoding of UTF-8 bytes, as Python's `urllib.parse.quote(s, '~')`: only letters,
 * digits and `-._~` stay as they are; a space is `%20` (never `+`); hex digits are upper case.
 */
export function encodeDuoComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The canonical parameter string: `name=value` pairs joined by `&`, names sorted after encoding and the
 * values of a repeated name sorted too (duo_client_python's canon_params, the reference).
 */
export function canonicalizeParams(params: DuoParams): string {
  const pairs: string[] = [];
  const names = Object.keys(params)
    .map((name) => ({ name, encoded: encodeDuoComponent(name) }))
    .sort((a, b) => compare(a.encoded, b.encoded));
  for (const { name, encoded } of names) {
    const raw = params[name];
    const values = (typeof raw === 'string' ? [raw] : [...raw]).map(encodeDuoComponent).sort(compare);
    for (const value of values) pairs.push(`${encoded}=${value}`);
  }
  return pairs.join('&');
}

/** Code-unit order; after encoding every string is ASCII, so this is also byte order. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A v5 JSON body as duo_client_python writes it (`json.dumps(sort_keys=True, separators=(',', ':'))`,
 * ASCII only): keys sorted at every depth, no spaces, non-ASCII as \uXXXX escapes. Duo hashes the bytes
 * it receives, so any body works if it is sent exactly as hashed; this form just matches the reference.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compare)) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

const sha512Hex = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');

/** v5: SHA-512 of the X-Duo-* headers, names lower-cased and sorted, names and values joined by NUL. */
export function hashDuoHeaders(headers: Readonly<Record<string, string>> = {}): string {
  const lowered = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-duo-')) throw new Error(`Signed headers must start with X-Duo-: ${name}`);
    if (lower.includes('\0') || value.includes('\0')) throw new Error('A signed header may not contain NUL');
    if (lowered.has(lower)) throw new Error(`Duplicate signed header: ${name}`);
    lowered.set(lower, value);
  }
  const parts = [...lowered.keys()].sort(compare).flatMap((name) => [name, lowered.get(name)!]);
  return sha512Hex(parts.join('\0'));
}

/** The text that is signed: one line per element, joined by newlines. */
export function canonicalizeRequest(request: SignableRequest): string {
  const lines = [
    request.date,
    request.method.toUpperCase(),
    request.host.toLowerCase(),
    request.path,
    canonicalizeParams(request.params),
  ];
  if (request.version === 5) lines.push(sha512Hex(request.body ?? ''), hashDuoHeaders(request.duoHeaders));
  return lines.join('\n');
}

/**
 * Signs a Duo API request as the official clients do and returns the hex signature and the
 * `Authorization: Basic base64(ikey:signature)` header. v5 always uses HMAC-SHA512, as Duo requires.
 */
export function signRequest(request: SignableRequest & { ikey: string; skey: string; digest?: DuoDigest }): {
  signature: string;
  authorization: string;
} {
  const algorithm = request.version === 5 || (request.digest ?? 'SHA-512') === 'SHA-512' ? 'sha512' : 'sha1';
  const signature = createHmac(algorithm, request.skey).update(canonicalizeRequest(request), 'utf8').digest('hex');
  const authorization = `Basic ${Buffer.from(`${request.ikey}:${signature}`, 'utf8').toString('base64')}`;
  return { signature, authorization };
}

/** RFC 2822 date in UTC as Python's email.utils.formatdate() writes it: `Tue, 21 Aug 2012 17:29:18 -0000`. */
export function formatDuoDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '-0000');
}
