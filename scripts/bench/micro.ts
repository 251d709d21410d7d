/** The pure checks of DESIGN.md §5, in-process: a TOTP check, a backup-code HMAC, an argon2id hash. */
import { generateSync } from 'otplib';
import { hashPassword } from '../../lib/crypto/password';
import { hashBackupCode } from '../../lib/twofactor/backup-codes';
import { checkTotp, newTotpSecret } from '../../lib/twofactor/totp';
import { PASSWORD } from './config';

export type Micro = { totpUs: number; hmacUs: number; argonHashMs: number };

function perOpUs(iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(100, iterations); i++) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

export async function microBenchmarks(): Promise<Micro> {
  const secret = newTotpSecret();
  const now = new Date();
  const code = generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
  const totpUs = perOpUs(5_000, () => checkTotp({ secret, code, now }));
  const hmacUs = perOpUs(20_000, () => hashBackupCode('7KQ2MX9PDA'));
  const hashes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await hashPassword(PASSWORD);
    hashes.push(performance.now() - t);
  }
  hashes.sort((a, b) => a - b);
  return { totpUs, hmacUs, argonHashMs: hashes[2] };
}
