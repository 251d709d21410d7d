import { afterEach, describe, expect, it } from 'vitest';
import { duoBaseUrl } from './config';

describe('duoBaseUrl', () => {
  afterEach(() => {
    delete process.env.DUO_BASE_URL;
  });

  it('is unset unless DUO_BASE_URL is set', () => {
    expect(duoBaseUrl()).toBeUndefined();
    process.env.DUO_BASE_URL = '  ';
    expect(duoBaseUrl()).toBeUndefined();
  });

  it('takes an http(s) URL, without a trailing slash', () => {
    process.env.DUO_BASE_URL = 'http://127.0.0.1:3199/';
    expect(duoBaseUrl()).toBe('http://127.0.0.1:3199');
  });

  it.each(['127.0.0.1:3199', 'ftp://fakes', 'http://fakes/?x=1', 'not a url'])('refuses %j', (value) => {
    process.env.DUO_BASE_URL = value;
    expect(() => duoBaseUrl()).toThrow(/DUO_BASE_URL/);
  });
});
