import { rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/db/embedded';
import { migrateDatabase } from '../lib/db/migrate';

export const TEMPLATE_DB = 'latchkey_test_template';

let embedded: EmbeddedDatabase | undefined;
let dataDir: string | undefined;

/**
 * One real PostgreSQL for the run: the embedded one on a free port, or the server DATABASE_URL
 * names. Migrations are applied once to a template; each test file clones it (tests/db.ts).
 */
export async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = path.resolve('.data', `vitest-${process.pid}`);
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = embedded.url;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await migrateDatabase(templateUrl.toString());
  project.provide('databaseServerUrl', serverUrl);
}

export async function teardown() {
  await embedded?.stop();
  // The cluster may have moved out of the data folder (reachable.ts): remove it there too.
  for (const dir of [dataDir, embedded?.clusterDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}
