/**
 * The password step's floor: bare argon2id verifications through @node-rs/argon2, with the parameters
 * lib/crypto/password uses (they are in the stored hash), at the same concurrency, no pool of ours.
 */
import { verify } from '@node-rs/argon2';
import { PASSWORD } from './config';
import { runScenario, type Stats } from './load';

/** "m=19456,t=2,p=1" from a PHC string. */
export const argonParameters = (hash: string) => hash.split('$')[3] ?? '?';

export function bareArgon2(input: {
  hash: string;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
}): Promise<Stats> {
  return runScenario({
    concurrency: input.concurrency,
    warmupMs: input.warmupMs,
    measureMs: input.measureMs,
    next: () => async () => ((await verify(input.hash, PASSWORD)) ? { ok: true } : { ok: false, reason: 'mismatch' }),
  });
}
