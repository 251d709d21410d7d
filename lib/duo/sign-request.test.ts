import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalizeParams,
  canonicalizeRequest,
  canonicalJson,
  encodeDuoComponent,
  formatDuoDate,
  hashDuoHeaders,
  signRequest,
  type DuoDigest,
  type DuoParams,
} from './sign-request';

type SignatureCase = { params: Record<string, string>; body?: string; hmac: DuoDigest; signature: string };
type DuoVectors = {
  ikey: string;
  skey: string;
  method: string;
  host: string;
  path: string;
  date: string;
  [version: string]: unknown;
};

const vectors = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../tests/vectors/otp.json'), 'utf8')) as {
    duoSignature: DuoVectors;
  }
).duoSignature;
const cases = Object.entries(vectors)
  .filter(([key]) => /^v\d+$/.test(key))
  .map(([key, value]) => [Number(key.slice(1)), value as SignatureCase] as const);

describe("Duo's published signing vectors (tests/vectors/otp.json)", () => {
  it('covers v2 and v5', () => expect(cases.map(([version]) => version).sort()).toEqual([2, 5]));

  it.each(cases)('v%i', (version, vector) => {
    const signed = signRequest({
      version: version as 2 | 5,
      ikey: vectors.ikey,
      skey: vectors.skey,
      method: vectors.method,
      host: vectors.host,
      path: vectors.path,
      date: vectors.date,
      params: vector.params,
      body: vector.body,
      digest: vector.hmac,
    });
    expect(signed.signature).toBe(vector.signature);
    expect(signed.authorization).toBe(`Basic ${Buffer.from(`${vectors.ikey}:${vector.signature}`).toString('base64')}`);
  });
});

/** An independent oracle: every UTF-8 byte outside RFC 3986's unreserved set as %XX. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

// Cases from the official clients' own tests (duo_client_python tests/test_client.py, duo_api_nodejs tests/duo_sig.js).
const UNICODE_PARAMS: DuoParams = {
  '\u469a\u287b\u35d0\u8ef3\u6727\u502a\u0810\ud091\xc8\uc170': [
    '\u0f45\u1a76\u341a\u654c\uc23f\u9b09\uabe2\u8343\u1b27\u60d0',
  ],
  '\u7449\u7e4b\uccfb\u59ff\ufe5f\u83b7\uadcc\u900c\ucfd1\u7813': [
    '\u8db7\u5022\u92d3\u42ef\u207d\u8730\uacfe\u5617\u0946\u4e30',
  ],
  '\u7470\u9314\u901c\u9eae\u40d8\u4201\u82d8\u8c70\u1d31\ua042': [
    '\u17d9\u0ba8\u9358\uaadf\ua42a\u48be\ufb96\u6fe9\ub7ff\u32f3',
  ],
  '\uc2c5\u2c1d\u2620\u3617\u96b3F\u8605\u20e8\uac21\u5934': [
    '\ufba9\u41aa\ubd83\u840b\u2615\u3e6e\u652d\ua8b5\ud56bU',
  ],
};
const UNICODE_REQUEST = {
  version: 2 as const,
  date: 'Fri, 07 Dec 2012 17:18:00 -0000',
  host: 'foO.BAr52.cOm',
  method: 'PoSt',
  path: '/Foo/BaR2/qux',
  params: UNICODE_PARAMS,
  ikey: 'test_ikey',
  skey: 'gtdfxv9YgVBYcF6dl2Eq17KUQJN2PLM2ODVTkvoT',
};

describe('parameter encoding and order', () => {
  it.each([
    [{}, ''],
    [{ realname: ['First Last'] }, 'realname=First%20Last'],
    [{ realname: 'First Last', username: ['root'] }, 'realname=First%20Last&username=root'],
    [{ foo_bar: '2', foo: '1' }, 'foo=1&foo_bar=2'],
    [{ ip_whitelist_enroll_policy: '2', ip_whitelist: '1' }, 'ip_whitelist=1&ip_whitelist_enroll_policy=2'],
  ] as Array<[DuoParams, string]>)('%j → %s', (params, expected) => expect(canonicalizeParams(params)).toBe(expected));

  it('escapes every printable ASCII character but letters, digits and -._~ (space is %20, never +)', () => {
    expect(
      canonicalizeParams({
        digits: '0123456789',
        letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
        punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
        whitespace: '\t\n\x0b\x0c\r ',
      }),
    ).toBe(
      'digits=0123456789&letters=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' +
        '&punctuation=%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~' +
        '&whitespace=%09%0A%0B%0C%0D%20',
    );
  });

  it('encodes unicode names and values as UTF-8 and sorts by the encoded name', () => {
    const expected = Object.entries(UNICODE_PARAMS)
      .map(([name, values]) => `${percentEncode(name)}=${percentEncode(values[0])}`)
      .sort()
      .join('&');
    expect(canonicalizeParams(UNICODE_PARAMS)).toBe(expected);
    expect(encodeDuoComponent('é 🔑')).toBe(percentEncode('é 🔑'));
  });

  it('sorts by the encoded name, not the raw one (a reserved character sorts before every unreserved one)', () => {
    // Raw order would put "a-" (0x2d) before "a/" (0x2f); encoded "a%2F" sorts before "a-".
    expect(canonicalizeParams({ 'a-': '1', 'a/': '2' })).toBe('a%2F=2&a-=1');
  });

  it('repeats a name once per value, values sorted; keeps empty values', () => {
    expect(canonicalizeParams({ baz: ['qux', 'quux=quuux', 'a b'], empty: '', foo: 'bar' })).toBe(
      'baz=a%20b&baz=quux%3Dquuux&baz=qux&empty=&foo=bar',
    );
  });
});

describe('canonical request and signature', () => {
  it('v2: date, upper-case method, lower-case host, path as given, parameters', () => {
    expect(canonicalizeRequest(UNICODE_REQUEST)).toBe(
      [
        'Fri, 07 Dec 2012 17:18:00 -0000',
        'POST',
        'foo.bar52.com',
        '/Foo/BaR2/qux',
        canonicalizeParams(UNICODE_PARAMS),
      ].join('\n'),
    );
  });

  it('matches the official client for HMAC-SHA1 (older docs) and HMAC-SHA512 (the default)', () => {
    expect(signRequest({ ...UNICODE_REQUEST, digest: 'SHA-1' }).signature).toBe(
      'f01811cbbf9561623ab45b893096267fd46a5178',
    );
    expect(signRequest(UNICODE_REQUEST).signature).toBe(
      '0508065035a03b2a1de2f453e629e791d180329e157f65df6b3e0f08299d4321e1c5c7a7c7ee6b9e5fc80d1fb6fbf3ad5eb7c44dd3b3985a02c37aca53ec3698',
    );
  });

  it('v5: JSON body hash and X-Duo-* header hash (names lower-cased, then sorted)', () => {
    const body = canonicalJson({ data: 'abc123', alpha: ['a', 'b', 'c', 'd'], info: { test: 1, another: 2 } });
    expect(body).toBe('{"alpha":["a","b","c","d"],"data":"abc123","info":{"another":2,"test":1}}');
    const canonical = canonicalizeRequest({
      version: 5,
      date: 'Tue, 17 Nov 2020 14:12:00',
      method: 'POST',
      host: 'foO.BaR52.cOm',
      path: '/Foo/BaR2/qux',
      params: {},
      body,
      duoHeaders: { 'X-Duo-Header-1': 'header_value_1' },
    });
    const bodyHash = createHash('sha512').update(body).digest('hex');
    expect(canonical).toBe(
      `Tue, 17 Nov 2020 14:12:00\nPOST\nfoo.bar52.com\n/Foo/BaR2/qux\n\n${bodyHash}\n` +
        '630b4bfe7e9abd03da2eee8f0a5d4e60a254ec880a839bcc2223bb5b9443e8ef24d58f0254f1f5934bf8c017ebd0fd5b1acf86766bdbe74185e712a4092df3ed',
    );
    expect(hashDuoHeaders({ 'x-duo-A': 'header_value_1', 'X-Duo-B': 'header_value_2' })).toBe(
      '60be11a30e0756f2ee2afdce1db849b987dcf86c1133394bd7bbbc9877920330c4d78aceacbb377ab8cbd9a8efe6a410fed4047376635ac71226ab46ca10d2b1',
    );
  });

  it('refuses signed headers that are not X-Duo-*, repeat, or hold NUL', () => {
    expect(() => hashDuoHeaders({ Authorization: 'x' })).toThrow(/X-Duo-/);
    expect(() => hashDuoHeaders({ 'X-Duo-A': '1', 'x-duo-a': '2' })).toThrow(/Duplicate/);
    expect(() => hashDuoHeaders({ 'X-Duo-A': 'a\0b' })).toThrow(/NUL/);
  });

  it('writes JSON bodies ASCII-only, as the reference client does', () => {
    expect(canonicalJson({ b: 'é', a: '🔑' })).toBe('{"a":"\\ud83d\\udd11","b":"\\u00e9"}');
  });

  it('formats the Date header like Python email.utils.formatdate()', () => {
    expect(formatDuoDate(new Date('2012-08-21T17:29:18Z'))).toBe('Tue, 21 Aug 2012 17:29:18 -0000');
    expect(formatDuoDate(new Date('2026-01-02T03:04:05Z'))).toBe('Fri, 02 Jan 2026 03:04:05 -0000');
  });
});
