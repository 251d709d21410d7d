/**
 * `npm run bench` (issue 7): the sign-in steps as a browser with JavaScript drives them, against the
 * production build on embedded PostgreSQL, each as a ratio to a floor measured in the same run.
 *
 *   1. second-factor step, 64 concurrent: throughput and p95 against a bare node:http floor;
 *   2. the same step while 64 password sign-ins saturate the CPU, against its own p95 at rest;
 *   3. password step, 8 concurrent, against bare argon2id verifications at the same concurrency;
 *   4. database statements of one successful second-factor step, counted.
 *
 *   5. GET /api/v1/me, 32 concurrent: Basic (credentials remembered), an API key, and a hash per call (issue 11).
 *
 * It prints versions, machine, raw medians and ratios, and writes docs/benchmarks.md.
 * `npm run bench -- --profile` instead profiles the server's CPU in each step (scripts/bench/profile.ts).
 * `npm run bench -- --api` runs only step 5 and prints it (docs/benchmarks.md is left as it is).
 * The parts, in scripts/bench/: server.ts (build, start), seed.ts, capture.ts + replay.ts + http.ts (the
 * browser's requests), floor.ts + floor-server.ts + lib-calls.ts (the floor), argon.ts, suite.ts +
 * scenarios.ts + load.ts + users.ts (the load), statements.ts, cpu.ts, report.ts + markdown.ts; profile.ts +
 * cpu-profile.ts for --profile; api.ts for the API.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { connect } from '../lib/db/client';
import { hashPassword } from '../lib/crypto/password';
import { API_SERVER_ENV, benchApi } from './bench/api';
import { argonParameters } from './bench/argon';
import { captureSignIn } from './bench/capture';
import { BENCH, PASSWORD } from './bench/config';
import { ownProcessGroup } from './bench/cpu';
import { describeEnvironment } from './bench/environment';
import { startFloor, type Floor } from './bench/floor';
import { microBenchmarks } from './bench/micro';
import { runProfile } from './bench/profile';
import { replayer } from './bench/replay';
import { writeMarkdown } from './bench/markdown';
import { printApiReport, printReport, type Results } from './bench/report';
import { seedUsers } from './bench/seed';
import { ensureProductionBuild, pickPort, startAppServer, type AppServer } from './bench/server';
import { countStatements } from './bench/statements';
import { runSuite } from './bench/suite';
import { UserPool } from './bench/users';
import { signInOnce } from './bench/validate';

const secrets = {
  AUTH_SECRET: randomBytes(32).toString('base64'),
  APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};
// The seeding encrypts TOTP secrets with the key the server will decrypt them with.
process.env.APP_ENCRYPTION_KEY = secrets.APP_ENCRYPTION_KEY;

const say = (message: string) => console.log(`· ${message}`);

async function main(): Promise<void> {
  console.log('Latchkey benchmarks (issue 7): one run, this machine\n');
  const build = await ensureProductionBuild();
  say(`build: ${build}`);
  const ports = { app: await pickPort(BENCH.appPorts), pg: await pickPort(BENCH.pgPorts) };
  const floorPort = await pickPort(BENCH.appPorts, [ports.app]);
  if (process.argv.includes('--profile')) return runProfile({ ports, secrets });
  if (process.argv.includes('--api')) return apiOnly({ ports, floorPort });

  const micro = await microBenchmarks();
  say(
    `pure checks: TOTP ${micro.totpUs.toFixed(1)} µs, HMAC ${micro.hmacUs.toFixed(1)} µs, argon2id hash ${micro.argonHashMs.toFixed(1)} ms`,
  );
  let app: AppServer | undefined;
  let floor: Floor | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    app = await startAppServer({ port: ports.app, pgPort: ports.pg, secrets, env: API_SERVER_ENV });
    say(`app: ${app.url} (embedded PostgreSQL on ${ports.pg}, data in ${app.dataDir})`);
    const { db, close } = connect(app.databaseUrl, { max: 10 });
    closeDb = close;
    const { users, passwordHash } = await seedUsers(db, BENCH.users + 4);
    say(`seeded ${BENCH.users + 4} users with confirmed authenticators`);
    const capture = await captureSignIn(app.url, users[0]);
    say(
      `captured with ${capture.browser}: login action ${capture.login.body.length} B multipart, verify action ${capture.verify.body.length} B`,
    );
    const environment = await describeEnvironment(db, capture.browser);
    const appSteps = replayer(capture);
    await signInOnce(appSteps, users[1], { afterPassword: 'Two-factor authentication', afterCode: 'User 1' });
    floor = await startFloor({ port: floorPort, databaseUrl: app.databaseUrl, env: API_SERVER_ENV });
    await signInOnce(floor, users[2]);
    say('a trial sign-in through the app (replayed) and through the floor both passed');
    const statements = await countStatements(app.databaseUrl, users[3]);
    say(`statements: second-factor step ${statements.verify.count}, password step ${statements.password.count}`);

    const suite = await runSuite({
      db,
      app: appSteps,
      floor,
      pool: new UserPool(users.slice(4)),
      passwordHash,
      pgids: [app.pgid, ownProcessGroup()],
    });
    const api = await benchApi({ db, passwordHash, app, floor, secrets, pgids: [app.pgid, ownProcessGroup()] });
    const results: Results = {
      ...suite,
      api,
      date: new Date(),
      build,
      environment,
      micro,
      password: { ...suite.password, argonParameters: argonParameters(passwordHash) },
      statements,
      loadAverageAtEnd: os.loadavg()[0],
    };
    console.log('\nVersions');
    for (const [name, value] of Object.entries(environment.versions)) console.log(`  ${name.padEnd(32)} ${value}`);
    console.log('Machine');
    for (const [name, value] of Object.entries(environment.machine)) console.log(`  ${name.padEnd(32)} ${value}`);
    printReport(results);
    printApiReport(api);
    await writeMarkdown(results);
    console.log('\nWrote docs/benchmarks.md');
  } finally {
    await floor?.stop();
    await closeDb?.();
    await app?.stop();
  }
}

/** `--api`: only the HTTP API scenario, on a fresh server and floor. */
async function apiOnly(input: { ports: { app: number; pg: number }; floorPort: number }): Promise<void> {
  let app: AppServer | undefined;
  let floor: Floor | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    app = await startAppServer({ port: input.ports.app, pgPort: input.ports.pg, secrets, env: API_SERVER_ENV });
    say(`app: ${app.url} (embedded PostgreSQL on ${input.ports.pg})`);
    const { db, close } = connect(app.databaseUrl, { max: 4 });
    closeDb = close;
    floor = await startFloor({ port: input.floorPort, databaseUrl: app.databaseUrl, env: API_SERVER_ENV });
    const passwordHash = await hashPassword(PASSWORD);
    const api = await benchApi({ db, passwordHash, app, floor, secrets, pgids: [app.pgid, ownProcessGroup()] });
    printApiReport(api);
    console.log(`\nLoad average (1 min) at end ${os.loadavg()[0].toFixed(2)}`);
  } finally {
    await floor?.stop();
    await closeDb?.();
    await app?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
