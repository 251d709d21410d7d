/** What reading a JSON request body found. An empty body reads as `{}`: every field is then missing. */
export type BodyRead =
  { kind: 'json'; value: unknown } | { kind: 'too_large' } | { kind: 'wrong_type' } | { kind: 'malformed' };

/**
 * Reads a request's JSON body, never more than `maxBytes` of it: the stream is cancelled as soon as
 * it grows past the cap, whatever Content-Length claimed, so a large or endless body costs no more
 * than the cap. A body must say it is JSON: a cross-site form can send text/plain without a
 * preflight, never application/json.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { kind: 'too_large' };
    }
    chunks.push(value);
  }
  if (size === 0) return { kind: 'json', value: {} };
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) return { kind: 'wrong_type' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'malformed' };
  }
}
