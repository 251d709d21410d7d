/** Every knob of `npm run bench` in one place; the environment can shorten or lengthen a run. */
import os from 'node:os';

const num = (name: string, fallback: number) => Number(process.env[name]) || fallback;

export const BENCH = {
  /** Users seeded with a confirmed authenticator. A TOTP code works once per user and 30 s step. */
  users: num('BENCH_USERS', 20_000),
  /** Seconds of warm-up, then of measurement, per scenario. */
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 2),
  measureSeconds: num('BENCH_SECONDS', 6),
  verifyConcurrency: 64,
  /** Also shown, not budgeted: the second-factor step at low concurrency, at rest and under password load. */
  probeConcurrency: 4,
  passwordLoadConcurrency: 64,
  passwordConcurrency: 8,
  /** Budgets of issue 7. */
  budgets: {
    verifyThroughputVsFloor: 0.5,
    verifyP95VsFloor: 2,
    verifyP95LoadedVsRest: 2,
    passwordVsBareArgon: 0.8,
    statementsPerVerify: 3,
  },
  /** Ports: app, floor; embedded PostgreSQL. Loopback only. */
  appPorts: [3300, 3349] as const,
  pgPorts: [54360, 54379] as const,
  hashConcurrency: Number(process.env.LATCHKEY_HASH_CONCURRENCY) || Math.max(1, os.availableParallelism()),
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  /** `npm run bench` runs from the repository root. */
  root: process.cwd(),
} as const;

export const PASSWORD = 'quartz lantern orbit meadow 42';
