/** Writes docs/benchmarks.md: how the bench measures, and this run's table. */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { BENCH } from './config';
import { PASSWORD_CHECKS_PER_HASH_SLOT } from '../../lib/limits';
import { API_CONCURRENCY } from './api';
import { apiTable, checks, cpuTable, errors, GROUPS, ms, rate, ratio, rows, type Results } from './report';

/** Writes the page, formatted by the tree's Prettier settings (npm test checks them). */
export async function writeMarkdown(r: Results, file = 'docs/benchmarks.md'): Promise<void> {
  const table = (head: string[], body: string[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `| ${head.map(() => '---').join(' | ')} |`,
      ...body.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
  const apiSection = (api: NonNullable<Results['api']>) => {
    const { head, body, gain } = apiTable(api);
    return `## The HTTP API (issue 11)

GET /api/v1/me at ${API_CONCURRENCY} concurrent: ${API_CONCURRENCY} API Accounts, one per worker, each calling from its own
loopback address on a kept-alive connection, as integrations do. **Basic** is the default server, which remembers a
verified credential for LATCHKEY_API_CREDENTIAL_CACHE_SECONDS (one read of the account per call instead of an argon2
hash); **API key** is \`Authorization: Bearer lk_…\` on the same server; **a hash per call** is a second app server on
the same database with LATCHKEY_API_CREDENTIAL_CACHE_SECONDS=0. Each floor is scripts/bench/floor-server.ts calling
the same \`authenticateApi\` with the same settings. The per-account call limit and the per-address sign-in limit are
raised for the run so that no 429 stands in for the work; the hash-per-call rows still meet the password checks'
admission control (at most ${BENCH.hashConcurrency * PASSWORD_CHECKS_PER_HASH_SLOT} checks at once per process), whose "busy" answers are the errors.

${table(head, body)}

${gain}

${table(['API scenario', ...GROUPS], cpuTable(api))}`;
  };
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

${r.api ? apiSection(r.api) : ''}

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
