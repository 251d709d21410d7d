import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-body';

const post = (body: BodyInit | null, type = 'application/json') =>
  new Request('http://127.0.0.1/api/v1/users', {
    method: 'POST',
    headers: { 'Content-Type': type },
    body,
    duplex: 'half',
  } as RequestInit);

describe('reading an API body', () => {
  it('stops reading a body past the cap, whatever its length claimed, and cancels the stream', async () => {
    let pulled = 0;
    let cancelled = false;
    // An endless body sent without Content-Length: only a little more than the cap is ever read.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await readJsonBody(post(endless), 16 * 1024)).toEqual({ kind: 'too_large' });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
  });

  it('parses JSON, reads an empty body as {}, and refuses other types and broken JSON', async () => {
    expect(await readJsonBody(post('{"name":"Ann"}'), 100)).toEqual({ kind: 'json', value: { name: 'Ann' } });
    expect(await readJsonBody(post('{"a":1}', 'application/merge-patch+json; charset=utf-8'), 100)).toEqual({
      kind: 'json',
      value: { a: 1 },
    });
    expect(await readJsonBody(post(null), 100)).toEqual({ kind: 'json', value: {} });
    expect(await readJsonBody(post('name=Ann', 'text/plain'), 100)).toEqual({ kind: 'wrong_type' });
    expect(await readJsonBody(post('{"name":'), 100)).toEqual({ kind: 'malformed' });
    expect(await readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), 100)).toEqual({ kind: 'malformed' });
  });
});
