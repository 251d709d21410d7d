/** The measured part of `npm run bench`: the scenarios of issue 7 in order, each with the CPU it used. */
import type { Db } from '../../lib/db/client';
import { bareArgon2 } from './argon';
import { BENCH } from './config';
import { withCpu } from './cpu';
import type { Stats } from './load';
import type { Replayer } from './replay';
import type { CpuRow } from './report';
import { passwordScenario, prepareVerify, usersFor, verifyScenario, verifyUnderPasswordLoad } from './scenarios';
import type { UserPool } from './users';

const say = (message: string) => console.log(`· ${message}`);
const brief = (s: Stats) =>
  `${s.throughput.toFixed(1)}/s, median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, ${s.ok} ok` +
  (Object.keys(s.errors).length ? `, errors ${JSON.stringify(s.errors)}` : '');

export type SuiteResults = {
  verify: { app: Stats; floor: Stats };
  loaded: { verify: Stats; password: Stats };
  /** The step at low concurrency: how long one sign-in waits, at rest and behind password work. */
  probe: { rest: Stats; loaded: { verify: Stats; password: Stats } };
  password: { app: Stats; floor: Stats; bare: Stats };
  cpu: CpuRow[];
};

export async function runSuite(input: {
  db: Db;
  app: Replayer;
  floor: Replayer;
  pool: UserPool;
  passwordHash: string;
  /** Process groups whose CPU is counted (the app's wrapper group and the bench's own). */
  pgids: number[];
}): Promise<SuiteResults> {
  const { db, app, floor, pool } = input;
  const cpu: CpuRow[] = [];
  const measure = async <T extends Stats | { verify: Stats; password: Stats }>(
    name: string,
    run: () => Promise<T>,
  ): Promise<T> => {
    const { result, cpu: use } = await withCpu(input.pgids, run);
    const loaded = 'verify' in result;
    cpu.push({ name, answers: loaded ? result.verify.total + result.password.total : result.total, use });
    say(
      `${name}: ${loaded ? `${brief(result.verify)}; password sign-ins meanwhile ${brief(result.password)}` : brief(result)}`,
    );
    return result;
  };
  const open = async (users: number) => {
    const started = performance.now();
    const jobs = await prepareVerify(db, pool, users);
    say(`opened ${jobs.length} challenges in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return jobs;
  };
  const c = BENCH.verifyConcurrency;
  const p = BENCH.passwordConcurrency;
  const load = BENCH.passwordLoadConcurrency;

  // 1. The floor first, with a generous share of the users: it is the fastest.
  let jobs = await open(Math.floor(pool.remainingForVerify * 0.45));
  const floorVerify = await measure(`1. floor, second-factor step, ${c} concurrent`, () =>
    verifyScenario({ target: floor, pool, jobs, concurrency: c }),
  );
  jobs = await open(usersFor(floorVerify.throughput));
  const appVerify = await measure(`1. app, second-factor step, ${c} concurrent`, () =>
    verifyScenario({ target: app, pool, jobs, concurrency: c }),
  );
  // 2. Its own p95 at rest is scenario 1's.
  jobs = await open(usersFor(appVerify.throughput));
  const loaded = await measure(`2. app, second-factor step during ${load} password sign-ins`, () =>
    verifyUnderPasswordLoad({ target: app, pool, jobs, concurrency: c, load }),
  );
  // The same at low concurrency (information): queueing behind password work, apart from sharing the CPU.
  const q = BENCH.probeConcurrency;
  jobs = await open(usersFor(appVerify.throughput / 4));
  const probeRest = await measure(`2. app, second-factor step, ${q} concurrent`, () =>
    verifyScenario({ target: app, pool, jobs, concurrency: q }),
  );
  jobs = await open(usersFor(probeRest.throughput));
  const probeLoaded = await measure(
    `2. app, second-factor step, ${q} concurrent, during ${load} password sign-ins`,
    () => verifyUnderPasswordLoad({ target: app, pool, jobs, concurrency: q, load }),
  );
  // 3. The password step, and the floors it is compared with.
  const appPassword = await measure(`3. app, password step, ${p} concurrent`, () => passwordScenario(app, pool, p));
  const floorPassword = await measure(`3. floor, password step, ${p} concurrent`, () =>
    passwordScenario(floor, pool, p),
  );
  const bare = await measure(`3. bare argon2id verify, ${p} concurrent`, () =>
    bareArgon2({
      hash: input.passwordHash,
      concurrency: p,
      warmupMs: BENCH.warmupSeconds * 1000,
      measureMs: BENCH.measureSeconds * 1000,
    }),
  );
  return {
    verify: { app: appVerify, floor: floorVerify },
    loaded,
    probe: { rest: probeRest, loaded: probeLoaded },
    password: { app: appPassword, floor: floorPassword, bare },
    cpu,
  };
}
