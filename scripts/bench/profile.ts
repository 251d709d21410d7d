/**
 * `npm run bench -- --profile`: where the production server spends CPU in each sign-in step.
 * Node 20 refuses --cpu-prof in NODE_OPTIONS, so every Node process of the server preloads a few
 * lines that start V8's profiler through node:inspector and write the profile when sent SIGUSR2.
 * The bench runs the password step (8 concurrent), then the second-factor step (64 concurrent),
 * notes each window on the monotonic clock the profile shares, and reads CPU seconds per process
 * and thread from /proc. Bundled frames are mapped back to their sources. Printed, not written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../../lib/db/client';
import { captureSignIn } from './capture';
import { BENCH } from './config';
import { cpuByThread, cpuDelta, ownProcessGroup } from './cpu';
import { selfTimes, type CpuProfile } from './cpu-profile';
import type { Stats } from './load';
import { replayer } from './replay';
import { passwordScenario, prepareVerify, verifyScenario } from './scenarios';
import { seedUsers } from './seed';
import { startAppServer } from './server';
import { UserPool } from './users';

/** Preloaded with --require into the server's Node processes (plain CommonJS: no tsx there). */
const PRELOAD = `
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('SIGUSR2', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(process.env.BENCH_PROFILE_DIR + '/' + process.pid + '.cpuprofile', JSON.stringify(result.profile));
  });
});
`;

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

type Window = { name: string; fromUs: number; toUs: number; stats: Stats; cpu: Array<[string, number]> };

async function measured(name: string, pgids: number[], run: () => Promise<Stats>): Promise<Window> {
  const before = cpuByThread(pgids);
  const fromUs = nowUs();
  const stats = await run();
  const toUs = nowUs();
  return { name, fromUs, toUs, stats, cpu: cpuDelta(before, cpuByThread(pgids)) };
}

export async function runProfile(input: {
  ports: { app: number; pg: number };
  secrets: { AUTH_SECRET: string; APP_ENCRYPTION_KEY: string };
}): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'latchkey-profile-'));
  try {
    const preload = path.join(dir, 'preload.cjs');
    writeFileSync(preload, PRELOAD);
    process.env.BENCH_PROFILE_DIR = dir;
    const app = await startAppServer({
      port: input.ports.app,
      pgPort: input.ports.pg,
      secrets: input.secrets,
      nodeOptions: `--require ${preload}`,
    });
    const windows: Window[] = [];
    try {
      const { db, close } = connect(app.databaseUrl, { max: 10 });
      try {
        const users = (await seedUsers(db, Math.min(BENCH.users, 8_000))).users;
        const steps = replayer(await captureSignIn(app.url, users[0]));
        const pool = new UserPool(users.slice(1));
        const pgids = [app.pgid, ownProcessGroup()];
        const p = BENCH.passwordConcurrency;
        windows.push(await measured(`password step, ${p} concurrent`, pgids, () => passwordScenario(steps, pool, p)));
        const jobs = await prepareVerify(db, pool, pool.remainingForVerify);
        const c = BENCH.verifyConcurrency;
        windows.push(
          await measured(`second-factor step, ${c} concurrent`, pgids, () =>
            verifyScenario({ target: steps, pool, jobs, concurrency: c }),
          ),
        );
      } finally {
        await close();
      }
      process.kill(-app.pgid, 'SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      await app.stop();
    }
    // The server's own process wrote the biggest profile (the wrapper and tsx mostly wait).
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => path.join(dir, name))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    if (files.length === 0) throw new Error(`No CPU profile was written to ${dir}.`);
    const profile = JSON.parse(readFileSync(files[0], 'utf8')) as CpuProfile;
    for (const window of windows) printWindow(window, profile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printWindow(window: Window, profile: CpuProfile): void {
  const seconds = (window.toUs - window.fromUs) / 1e6;
  const s = window.stats;
  console.log(
    `\n=== ${window.name}: ${s.throughput.toFixed(1)}/s, median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`,
  );
  console.log(`CPU over the ${seconds.toFixed(1)} s run (${s.total} answers, warm-up included), by process › thread:`);
  for (const [key, cpu] of window.cpu.slice(0, 10)) {
    const cores = (cpu / seconds).toFixed(2).padStart(6);
    console.log(`  ${cores} cores ${((cpu * 1000) / s.total).toFixed(2).padStart(7)} ms/answer  ${key}`);
  }
  const self = selfTimes(profile, window.fromUs, window.toUs);
  console.log(
    `Server main thread, sampled: running JavaScript or GC ${(self.busyMs / 1000).toFixed(1)} s of ${seconds.toFixed(1)} s ` +
      `(wall time, so it includes time the OS gave the core to others); shares of that:`,
  );
  console.log('  by kind of work:');
  for (const c of self.categories) console.log(`  ${(c.share * 100).toFixed(1).padStart(6)}%  ${c.key}`);
  console.log('  by module:');
  for (const m of self.modules.slice(0, 16)) console.log(`  ${(m.share * 100).toFixed(1).padStart(6)}%  ${m.key}`);
  console.log('  by function:');
  for (const f of self.functions.slice(0, 25)) console.log(`  ${(f.share * 100).toFixed(1).padStart(6)}%  ${f.key}`);
}
