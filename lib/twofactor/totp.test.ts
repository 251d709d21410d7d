import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, formatTotpKey, newTotpSecret, normalizeOtp, totpUri } from './totp';

type Vectors = {
  hotp: { secretAscii: string; values: string[] };
  totp: { seedsAscii: Record<'SHA1' | 'SHA256' | 'SHA512', string>; rows: Array<Record<string, string | number>> };
};
const vectors = JSON.parse(readFileSync(path.resolve(__dirname, '../../tests/vectors/otp.json'), 'utf8')) as Vectors;
const bytes = (ascii: string) => new TextEncoder().encode(ascii);
/** base32 of the RFC's SHA-1 seed "12345678901234567890". */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('RFC 4226 (HOTP) vectors', () => {
  it.each(vectors.hotp.values.map((value, counter) => [counter, value]))('counter %i → %s', (counter, value) => {
    expect(generateSync({ strategy: 'hotp', secret: bytes(vectors.hotp.secretAscii), counter: Number(counter) })).toBe(
      value,
    );
  });
});

describe('RFC 6238 (TOTP) vectors', () => {
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
    it.each(vectors.totp.rows.map((row) => [row.time, row[algorithm]]))(`${algorithm} at %i → %s`, (time, value) => {
      const code = generateSync({
        secret: bytes(vectors.totp.seedsAscii[algorithm]),
        epoch: Number(time),
        digits: 8,
        algorithm: algorithm.toLowerCase() as 'sha1',
      });
      expect(code).toBe(value);
    });
  }

  it.each(vectors.totp.rows.map((row) => [row.time, String(row.SHA1).slice(-6)]))(
    'our 6-digit check accepts %i → %s',
    (time, code) => {
      expect(checkTotp({ secret: RFC_SECRET, code: String(code), now: at(Number(time)) })).toMatchObject({
        valid: true,
        timeStep: Math.floor(Number(time) / 30),
      });
    },
  );
});

describe('checkTotp', () => {
  const secret = newTotpSecret();
  const now = at(1_800_000_000);
  const codeAt = (seconds: number) => generateSync({ secret, epoch: seconds });

  it('accepts the previous, current and next step and nothing further', () => {
    const t = 1_800_000_000;
    expect(checkTotp({ secret, code: codeAt(t - 30), now }).valid).toBe(true);
    expect(checkTotp({ secret, code: codeAt(t), now }).valid).toBe(true);
    expect(checkTotp({ secret, code: codeAt(t + 30), now }).valid).toBe(true);
    expect(checkTotp({ secret, code: codeAt(t - 60), now }).valid).toBe(false);
    expect(checkTotp({ secret, code: codeAt(t + 60), now }).valid).toBe(false);
  });

  it('refuses a step at or before the last used one (replay)', () => {
    const first = checkTotp({ secret, code: codeAt(1_800_000_000), now });
    expect(first.valid).toBe(true);
    if (!first.valid) return;
    expect(checkTotp({ secret, code: codeAt(1_800_000_000), now, afterTimeStep: first.timeStep }).valid).toBe(false);
  });

  it('accepts pasted codes with spaces or a dash, and nothing that is not six digits', () => {
    const code = codeAt(1_800_000_000);
    expect(checkTotp({ secret, code: ` ${code.slice(0, 3)} ${code.slice(3)} `, now }).valid).toBe(true);
    expect(normalizeOtp('123-456')).toBe('123456');
    expect(normalizeOtp('12345')).toBeNull();
    expect(normalizeOtp('12345a')).toBeNull();
  });
});

describe('enrolment data', () => {
  it('secrets are 160 bits of base32', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('the URI names the issuer and the account', () => {
    const uri = totpUri({ secret: RFC_SECRET, accountName: 'ada@example.com' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Latchkey:ada(%40|@)example\.com\?/);
    expect(uri).toContain('issuer=Latchkey');
    expect(uri).toContain(`secret=${RFC_SECRET}`);
  });

  it('the key is shown in groups of four', () => {
    expect(formatTotpKey(RFC_SECRET)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  });
});
