/**
 * The production server under test, started the way `npm start` starts it (scripts/run.ts: embedded
 * PostgreSQL, migrations, `next start`), on a temporary data folder and its own ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isPortFree } from '../../lib/db/embedded';

export type AppServer = {
  url: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  /** The wrapper's process group: it, Next.js and PostgreSQL. */
  pgid: number;
  /** SIGTERM to the wrapper's process group; resolves when it exited (Postgres stopped cleanly). */
  stop: () => Promise<void>;
  log: () => string;
};

/** The first free loopback port in [from, to] not in `taken`. */
export async function pickPort([from, to]: readonly [number, number], taken: number[] = []): Promise<number> {
  for (let port = from; port <= to; port++) {
    if (!taken.includes(port) && (await isPortFree(port))) return port;
  }
  throw new Error(`No free port between ${from} and ${to}.`);
}

const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'next.config.mjs', 'package-lock.json', 'postcss.config.mjs'];

async function newestSource(entry: string): Promise<number> {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of await readdir(entry, { recursive: true })) {
    newest = Math.max(newest, statSync(path.join(entry, child)).mtimeMs);
  }
  return newest;
}

/** Reuses .next when its BUILD_ID is newer than every source file, else runs `next build`. Says which. */
export async function ensureProductionBuild(): Promise<string> {
  const buildId = path.join('.next', 'BUILD_ID');
  if (existsSync(buildId) && process.env.BENCH_REBUILD !== '1') {
    const built = statSync(buildId).mtimeMs;
    const sources = Math.max(...(await Promise.all(SOURCES.map(newestSource))));
    if (built > sources) return `reused .next (BUILD_ID ${readFileSync(buildId, 'utf8').trim()}, newer than sources)`;
  }
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const build = spawn(path.join('node_modules', '.bin', 'next'), ['build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    let output = '';
    build.stdout.on('data', (chunk) => (output += chunk));
    build.stderr.on('data', (chunk) => (output += chunk));
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed:\n${output}`))));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  return `ran next build (${seconds} s, BUILD_ID ${readFileSync(buildId, 'utf8').trim()})`;
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}/login`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer at ${url} within 2 minutes:\n${log()}`);
}

/**
 * Starts `tsx scripts/run.ts start` in its own process group, production mode, plain HTTP.
 * `nodeOptions` reaches every Node process of the server (e.g. --cpu-prof).
 */
export async function startAppServer(input: {
  port: number;
  pgPort: number;
  secrets: { AUTH_SECRET: string; APP_ENCRYPTION_KEY: string };
  nodeOptions?: string;
  /** Settings over the defaults (e.g. LATCHKEY_API_CREDENTIAL_CACHE_SECONDS for a second server). */
  env?: Record<string, string>;
  /** Another server's database: this one then starts no PostgreSQL of its own. */
  databaseUrl?: string;
}): Promise<AppServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-'));
  // The postgres user must be able to enter it (see lib/db/embedded), or the cluster goes elsewhere.
  chmodSync(dataDir, 0o711);
  const url = `http://127.0.0.1:${input.port}`;
  const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['scripts/run.ts', 'start'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...input.secrets,
      NODE_ENV: 'production',
      PORT: String(input.port),
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_PG_PORT: String(input.pgPort),
      DATABASE_URL: input.databaseUrl ?? '',
      AUTH_URL: url,
      APP_URL: url,
      LATCHKEY_INSECURE_HTTP: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(input.nodeOptions ? { NODE_OPTIONS: input.nodeOptions } : {}),
      ...input.env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const log = () => output;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      const timeout = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 20_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  const databaseUrl =
    input.databaseUrl ??
    `postgres://latchkey:${encodeURIComponent(readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim())}@127.0.0.1:${input.pgPort}/latchkey`;
  return { url, port: input.port, databaseUrl, dataDir, pgid: child.pid!, stop, log };
}
