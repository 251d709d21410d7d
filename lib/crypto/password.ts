import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, unusable with isolatedModules */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashing is the one deliberately expensive step. Running more at once than there are cores only
 * makes every sign-in slower and starves the rest of the server, so hashes queue here instead.
 */
const MAX_CONCURRENT_HASHES = Number(process.env.LATCHKEY_HASH_CONCURRENCY) || Math.max(1, availableParallelism());
let running = 0;
const waiting: Array<() => void> = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Hashes a password (or a normalized security answer) with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, ARGON2_OPTIONS));
}

/** A hash of nothing anyone knows: verifying against it costs what a real check costs. */
let dummyHash: Promise<string> | undefined;

/**
 * Verifies `password` against `storedHash`. With no stored hash (unknown user) it still does the
 * full argon2 work, so a wrong identifier and a wrong password take the same time.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('latchkey-timing-equalizer-not-a-password');
  const target = storedHash ?? (await dummyHash);
  const ok = await withHashSlot(() => verify(target, password).catch(() => false));
  return ok && Boolean(storedHash);
}
