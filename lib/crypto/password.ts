import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_CHECKS_PER_HASH_SLOT } from '../limits';

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

/** How long a hash takes here, averaged as they run, to tell a waiting caller when to come back. */
let averageHashMs = 50;

/**
 * Admission control: at most this many password checks at once (hashing or queued for a slot).
 * Beyond that a check is refused at once with a time to retry, instead of queueing: a crowd of
 * sign-ins then costs a short answer each, and second-factor checks and every other request
 * keep the event loop and the database to themselves.
 */
export const MAX_CHECKS_IN_FLIGHT = MAX_CONCURRENT_HASHES * PASSWORD_CHECKS_PER_HASH_SLOT;
let inFlight = 0;

export type Admission = { admitted: true; release: () => void } | { admitted: false; retryAfterSeconds: number };

/** Takes a place for one password check, or says when to try again. Release it when done. */
export function admitPasswordCheck(): Admission {
  if (inFlight >= MAX_CHECKS_IN_FLIGHT) {
    const seconds = Math.ceil(((inFlight / MAX_CONCURRENT_HASHES) * averageHashMs) / 1000);
    return { admitted: false, retryAfterSeconds: Math.max(1, seconds) };
  }
  inFlight++;
  let released = false;
  return {
    admitted: true,
    release: () => {
      if (released) return;
      released = true;
      inFlight--;
    },
  };
}

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  const started = performance.now();
  try {
    return await work();
  } finally {
    averageHashMs = averageHashMs * 0.9 + (performance.now() - started) * 0.1;
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
