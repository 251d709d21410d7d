/** Prints the run's figures with their ratios and budgets, and writes docs/benchmarks.md. */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { BENCH } from './config';
import type { CpuUse } from './cpu';
import type { Environment } from './environment';
import type { Stats } from './load';
import type { Micro } from './micro';
import type { StatementCount } from './statements';

/** CPU used during one scenario (warm-up included) by each group of processes. */
export type CpuRow = { name: string; answers: number; use: CpuUse };

export type Results = {
  date: Date;
  build: string;
  environment: Environment;
  micro: Micro;
  verify: { app: Stats; floor: Stats };
  loaded: { verify: Stats; password: Stats };
  password: { app: Stats; floor: Stats; bare: Stats; argonParameters: string };
  statements: { verify: StatementCount; password: StatementCount };
  cpu: CpuRow[];
  loadAverageAtEnd: number;
};

type Check = { name: string; value: number; budget: string; pass: boolean; detail: string };

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const rate = (value: number) => value.toFixed(value < 100 ? 1 : 0);
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

export function checks(r: Results): Check[] {
  const b = BENCH.budgets;
  const throughput = r.verify.app.throughput / r.verify.floor.throughput;
  const p95 = r.verify.app.p95 / r.verify.floor.p95;
  const loaded = r.loaded.verify.p95 / r.verify.app.p95;
  const password = r.password.app.throughput / r.password.bare.throughput;
  return [
    {
      name: '1. second-factor step, 64 concurrent: throughput app / floor',
      value: throughput,
      budget: `≥ ${b.verifyThroughputVsFloor}`,
      pass: throughput >= b.verifyThroughputVsFloor,
      detail: `${rate(r.verify.app.throughput)} / ${rate(r.verify.floor.throughput)} per s`,
    },
    {
      name: '1. second-factor step, 64 concurrent: p95 app / floor',
      value: p95,
      budget: `≤ ${b.verifyP95VsFloor}`,
      pass: p95 <= b.verifyP95VsFloor,
      detail: `${ms(r.verify.app.p95)} / ${ms(r.verify.floor.p95)} ms`,
    },
    {
      name: `2. same step during ${BENCH.passwordLoadConcurrency} password sign-ins: p95 loaded / at rest`,
      value: loaded,
      budget: `≤ ${b.verifyP95LoadedVsRest}`,
      pass: loaded <= b.verifyP95LoadedVsRest,
      detail: `${ms(r.loaded.verify.p95)} / ${ms(r.verify.app.p95)} ms`,
    },
    {
      name: `3. password step, ${BENCH.passwordConcurrency} concurrent: app / bare argon2id`,
      value: password,
      budget: `≥ ${b.passwordVsBareArgon}`,
      pass: password >= b.passwordVsBareArgon,
      detail: `${rate(r.password.app.throughput)} / ${rate(r.password.bare.throughput)} per s`,
    },
    {
      name: '4. database statements per successful second-factor step',
      value: r.statements.verify.count,
      budget: `≤ ${b.statementsPerVerify}`,
      pass: r.statements.verify.count <= b.statementsPerVerify,
      detail: 'floor path, counted',
    },
  ];
}

type Row = [string, Stats];

function errors(stats: Stats): string {
  const entries = Object.entries(stats.errors);
  const short = stats.shortBy ? ` (ran out of users ${stats.shortBy.toFixed(1)} s early)` : '';
  return (entries.length ? entries.map(([reason, n]) => `${n}× ${reason}`).join(', ') : '') + short;
}

function rows(r: Results): Row[] {
  const c = BENCH.verifyConcurrency;
  return [
    [`second-factor step, ${c} concurrent: app`, r.verify.app],
    [`second-factor step, ${c} concurrent: floor`, r.verify.floor],
    [`second-factor step, ${c} concurrent, ${BENCH.passwordLoadConcurrency} password sign-ins: app`, r.loaded.verify],
    [`  (the password sign-ins meanwhile)`, r.loaded.password],
    [`password step, ${BENCH.passwordConcurrency} concurrent: app`, r.password.app],
    [`password step, ${BENCH.passwordConcurrency} concurrent: floor`, r.password.floor],
    [`bare argon2id verify, ${BENCH.passwordConcurrency} concurrent`, r.password.bare],
  ];
}

const GROUPS = ['Next.js server', 'floor server', 'PostgreSQL', 'bench (client)'];

/** Per scenario and group of processes: cores busy, and CPU milliseconds per answer. */
function cpuTable(r: Results): string[][] {
  return r.cpu.map((row) => [
    row.name,
    ...GROUPS.map((group) => {
      const seconds = row.use.byGroup[group] ?? 0;
      if (seconds === 0) return '–';
      return `${(seconds / row.use.seconds).toFixed(2)} / ${((seconds * 1000) / row.answers).toFixed(1)}`;
    }),
  ]);
}

export function printReport(r: Results): void {
  const line = (label: string, ...cells: string[]) =>
    console.log(`${label.padEnd(72)} ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(9))).join(' ')}`);
  console.log(`\nRaw figures (${BENCH.measureSeconds} s window after ${BENCH.warmupSeconds} s warm-up, closed loop)`);
  line('', 'per s', 'median', 'p95 ms', 'n  errors');
  for (const [label, s] of rows(r)) line(label, rate(s.throughput), ms(s.median), ms(s.p95), `${s.ok}  ${errors(s)}`);
  console.log(`\nCPU during each scenario (warm-up included): cores busy / ms per answer`);
  line('', ...GROUPS.map((g) => g.padStart(16)), '');
  for (const [name, ...cells] of cpuTable(r)) line(name, ...cells.map((c) => c.padStart(16)), '');
  console.log(
    `\nStatements, second-factor step (${r.statements.verify.count}): ${r.statements.verify.statements.join('; ')}`,
  );
  console.log(
    `Statements, password step (${r.statements.password.count}): ${r.statements.password.statements.join('; ')}`,
  );
  console.log(`\nBudgets (issue 7)`);
  for (const check of checks(r)) {
    console.log(
      `${check.name.padEnd(72)} ${ratio(check.value).padStart(9)} ${check.budget.padEnd(6)} ${check.pass ? 'PASS' : 'MISS'}  (${check.detail})`,
    );
  }
  console.log(
    `\nLoad average (1 min) at start ${r.environment.machine['load average at start (1 min)']}, at end ${r.loadAverageAtEnd.toFixed(2)}`,
  );
}

/** Writes the page, formatted by the tree's Prettier settings (npm test checks them). */
export async function writeMarkdown(r: Results, file = 'docs/benchmarks.md'): Promise<void> {
  const table = (head: string[], body: string[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `| ${head.map(() => '---').join(' | ')} |`,
      ...body.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
  const md = `# Benchmarks

Written by \`npm run bench\` on ${r.date.toISOString().slice(0, 10)} (${r.date.toISOString()}). Rerun it to refresh this page;
numbers from a shared or busy machine are noisy, the ratios less so than the raw figures.

## Method

- **The app**: the production build (${r.build}), started by the real wrapper (\`tsx scripts/run.ts start\`,
  \`NODE_ENV=production\`, embedded PostgreSQL in a temporary data folder, \`LATCHKEY_INSECURE_HTTP=1\`), seeded with
  ${BENCH.users.toLocaleString('en')} users of one company with company-wide 2FA, each with a confirmed authenticator
  (one shared password hash; secrets encrypted with the app's key).
- **Driven the way a browser with JavaScript drives it**: Chromium (Playwright) signs one user in once and the bench keeps
  the two server-action requests its JavaScript sent (\`Next-Action\`, \`Next-Router-State-Tree\`, the multipart body
  React built). The load replays that shape with node:http for each virtual user: its own identifier, password,
  challenge cookie, live TOTP code and loopback source address (127.64.x.y, so per-address limits see distinct
  clients), a new connection per request. A request is done when its whole answer is read: the action result plus the
  page its redirect renders (/login/verify after the password, / after the code), gzip as the browser asked.
- **Closed loop**: N workers each send their next request when the previous answer is in; ${BENCH.warmupSeconds} s warm-up,
  then ${BENCH.measureSeconds} s measured. Throughput counts successful answers completed in the window; median and p95 are over
  the requests started in it. A TOTP code works once per user and step, so each second-factor request uses a user
  not used before in the run, whose challenge was opened beforehand through the lib (only the verify step is timed).
- **The floor**: a plain node:http server (own process) calling the same lib functions as the actions
  (scripts/bench/lib-calls.ts) on the same database: no Next.js, React or Auth.js. **Bare argon2id**: @node-rs/argon2
  \`verify\` of the same stored hash (${r.password.argonParameters}) at the same concurrency, no pool.
- **Statements**: one successful step through the floor's path on a pool whose postgres.js \`debug\` hook sees every
  statement (BEGIN and COMMIT count).

## This run

${table(
  ['check', 'ratio', 'budget', 'result', 'figures'],
  checks(r).map((c) => [c.name, ratio(c.value), c.budget, c.pass ? 'PASS' : 'MISS', c.detail]),
)}

${table(
  ['scenario', 'per s', 'median ms', 'p95 ms', 'n', 'errors'],
  rows(r).map(([label, s]) => [
    label.trim(),
    rate(s.throughput),
    ms(s.median),
    ms(s.p95),
    String(s.ok),
    errors(s) || '–',
  ]),
)}

CPU during each scenario (warm-up included), cores busy / CPU ms per answer (client = the load generator):

${table(['scenario', ...GROUPS], cpuTable(r))}

Statements of one successful second-factor step (${r.statements.verify.count}): ${r.statements.verify.statements.join('; ')}.
Of one password step (${r.statements.password.count}): ${r.statements.password.statements.join('; ')}.

Pure checks, in-process: TOTP check ${r.micro.totpUs.toFixed(1)} µs, backup-code HMAC ${r.micro.hmacUs.toFixed(1)} µs,
argon2id hash ${r.micro.argonHashMs.toFixed(1)} ms (median of 5).

${table(
  ['', ''],
  [
    ...Object.entries(r.environment.versions),
    ...Object.entries(r.environment.machine),
    ['load average at end (1 min)', r.loadAverageAtEnd.toFixed(2)],
    ['password hashes at once (LATCHKEY_HASH_CONCURRENCY)', String(BENCH.hashConcurrency)],
  ].map(([k, v]) => [k, v]),
)}
`;
  writeFileSync(file, await format(md, { ...(await resolveConfig(file)), filepath: file }));
}
