/** The scenarios of issue 7, each against a target that speaks the two sign-in steps (app or floor). */
import type { Db } from '../../lib/db/client';
import { BENCH, PASSWORD } from './config';
import { runScenario, startWorkers, summarize, type NextJob, type Outcome, type Stats } from './load';
import type { Replayer, StepOutcome } from './replay';
import type { UserPool, VerifyJob } from './users';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const window = () => ({ warmupMs: BENCH.warmupSeconds * 1000, measureMs: BENCH.measureSeconds * 1000 });

function outcome(step: StepOutcome): Outcome {
  if (step.ok) return { ok: true };
  const retryAfter = step.retryAfterSeconds ?? Number(step.reply?.headers['retry-after']);
  return { ok: false, reason: step.reason, retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined };
}

/** Password sign-ins with correct passwords, round robin over the users, each from its own address. */
export function passwordJobs(target: Replayer, pool: UserPool): NextJob {
  return () => {
    const user = pool.nextForPassword();
    return async () => {
      const result = outcome(await target.password({ identifier: user.email, password: PASSWORD, ip: user.ip }));
      // Like a person reading an error, a refused sign-in waits a moment before the next one.
      return result.ok ? result : { ...result, retryAfterMs: result.retryAfterMs ?? 1_000 };
    };
  };
}

/** Opens challenges for up to `users` fresh users, as a passed password step leaves them. */
export function prepareVerify(db: Db, pool: UserPool, users: number): Promise<VerifyJob[]> {
  return pool.openChallenges(db, Math.min(users, pool.remainingForVerify));
}

/** The second-factor step alone: each job posts one user's live TOTP code with that user's challenge cookie. */
export function verifyScenario(input: {
  target: Replayer;
  pool: UserPool;
  jobs: VerifyJob[];
  concurrency: number;
}): Promise<Stats> {
  let next = 0;
  return runScenario({
    concurrency: input.concurrency,
    ...window(),
    next: () => {
      if (next >= input.jobs.length) return null;
      const { user, token } = input.jobs[next++];
      const code = input.pool.codeFor(user);
      return async () => outcome(await input.target.verify({ token, code, ip: user.ip }));
    },
  });
}

export function passwordScenario(target: Replayer, pool: UserPool, concurrency: number): Promise<Stats> {
  return runScenario({ concurrency, ...window(), next: passwordJobs(target, pool) });
}

/** Scenario 2: the verify scenario while `load` password sign-ins run flat out on the same server. */
export async function verifyUnderPasswordLoad(input: {
  target: Replayer;
  pool: UserPool;
  jobs: VerifyJob[];
  concurrency: number;
  load: number;
}): Promise<{ verify: Stats; password: Stats }> {
  const load = startWorkers(input.load, passwordJobs(input.target, input.pool));
  await sleep(2_000); // let the password work fill the CPU first
  const verify = await verifyScenario(input);
  const samples = await load.stop();
  return { verify, password: summarize(samples, ...verify.window) };
}

/** How many users a verify scenario may need: its expected rate over warm-up and window, with margin. */
export function usersFor(expectedPerSecond: number): number {
  return Math.ceil(expectedPerSecond * (BENCH.warmupSeconds + BENCH.measureSeconds) * 1.3) + 500;
}
