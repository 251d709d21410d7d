/** The run's figures with their ratios and budgets, printed (markdown.ts writes them to docs/benchmarks.md). */
import { BENCH } from './config';
import type { ApiResults } from './api';
import type { CpuUse } from './cpu';
import type { Environment } from './environment';
import type { Stats } from './load';
import type { SuiteResults } from './suite';
import type { Micro } from './micro';
import type { StatementCount } from './statements';

/** CPU used during one scenario (warm-up included) by each group of processes. */
export type CpuRow = { name: string; answers: number; use: CpuUse };

export type Results = Omit<SuiteResults, 'password'> & {
  date: Date;
  build: string;
  environment: Environment;
  micro: Micro;
  password: SuiteResults['password'] & { argonParameters: string };
  statements: { verify: StatementCount; password: StatementCount };
  loadAverageAtEnd: number;
  /** Issue 11: GET /api/v1/me (scripts/bench/api.ts). */
  api?: ApiResults;
};

type Check = { name: string; value: number; budget: string; pass: boolean; detail: string };

export const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
export const rate = (value: number) => value.toFixed(value < 100 ? 1 : 0);
export const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

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

export function errors(stats: Stats): string {
  const entries = Object.entries(stats.errors);
  const short = stats.shortBy ? ` (ran out of users ${stats.shortBy.toFixed(1)} s early)` : '';
  return (entries.length ? entries.map(([reason, n]) => `${n}× ${reason}`).join(', ') : '') + short;
}

export function rows(r: Results): Row[] {
  const c = BENCH.verifyConcurrency;
  return [
    [`second-factor step, ${c} concurrent: app`, r.verify.app],
    [`second-factor step, ${c} concurrent: floor`, r.verify.floor],
    [`second-factor step, ${c} concurrent, ${BENCH.passwordLoadConcurrency} password sign-ins: app`, r.loaded.verify],
    [`  (the password sign-ins meanwhile)`, r.loaded.password],
    [`second-factor step, ${BENCH.probeConcurrency} concurrent: app (information)`, r.probe.rest],
    [
      `second-factor step, ${BENCH.probeConcurrency} concurrent, ${BENCH.passwordLoadConcurrency} password sign-ins: app (information)`,
      r.probe.loaded.verify,
    ],
    [`password step, ${BENCH.passwordConcurrency} concurrent: app`, r.password.app],
    [`password step, ${BENCH.passwordConcurrency} concurrent: floor`, r.password.floor],
    [`bare argon2id verify, ${BENCH.passwordConcurrency} concurrent`, r.password.bare],
  ];
}

export const GROUPS = ['Next.js server', 'floor server', 'PostgreSQL', 'bench (client)'];

/** Per scenario and group of processes: cores busy, and CPU milliseconds per answer. */
export function cpuTable(r: { cpu: CpuRow[] }): string[][] {
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
    console.log(`${label.padEnd(84)} ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(9))).join(' ')}`);
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
      `${check.name.padEnd(84)} ${ratio(check.value).padStart(9)} ${check.budget.padEnd(6)} ${check.pass ? 'PASS' : 'MISS'}  (${check.detail})`,
    );
  }
  console.log(
    `\nLoad average (1 min) at start ${r.environment.machine['load average at start (1 min)']}, at end ${r.loadAverageAtEnd.toFixed(2)}`,
  );
}

/**
 * Issue 11, GET /api/v1/me: app and floor per way of authenticating, the app's ratios to its floor,
 * and what remembering Basic credentials gains over a hash per call. No budget yet: information.
 */
export function apiTable(api: ApiResults): { head: string[]; body: string[][]; gain: string } {
  const head = [
    'scenario',
    'app per s',
    'floor per s',
    'app / floor',
    'app p50 / p95 ms',
    'floor p50 / p95 ms',
    'p95 app / floor',
    'errors (app; floor)',
  ];
  const body = api.rows.map(({ label, app, floor }) => [
    label,
    rate(app.throughput),
    rate(floor.throughput),
    ratio(app.throughput / floor.throughput),
    `${ms(app.median)} / ${ms(app.p95)}`,
    `${ms(floor.median)} / ${ms(floor.p95)}`,
    ratio(app.p95 / floor.p95),
    `${errors(app) || '–'}; ${errors(floor) || '–'}`,
  ]);
  const [cached, , hashing] = api.rows;
  const gain = `Basic with credentials remembered answers ${ratio(cached.app.throughput / hashing.app.throughput)}× the calls per second of a hash per call (app), ${ratio(cached.floor.throughput / hashing.floor.throughput)}× on the floor.`;
  return { head, body, gain };
}

export function printApiReport(api: ApiResults): void {
  const { head, body, gain } = apiTable(api);
  console.log(
    `\nHTTP API (issue 11), ${BENCH.measureSeconds} s window after ${BENCH.warmupSeconds} s warm-up, closed loop`,
  );
  for (const row of body)
    console.log(
      `  ${row[0]}\n    ${head
        .slice(1)
        .map((h, i) => `${h}: ${row[i + 1]}`)
        .join(' · ')}`,
    );
  console.log(`  ${gain}`);
  console.log(`\nCPU during each API scenario (warm-up included): cores busy / ms per answer`);
  for (const [name, ...cells] of cpuTable(api))
    console.log(`  ${name}: ${GROUPS.map((g, i) => `${g} ${cells[i]}`).join(' · ')}`);
}
