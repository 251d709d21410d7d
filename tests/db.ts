import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { connect, type Db } from '../lib/db/client';

const TEMPLATE_DB = 'latchkey_test_template';

/**
 * A throwaway, migrated database of its own for one test file, on the run's real PostgreSQL.
 * Dropped when the file's tests end. `onQuery` sees every statement sent (to count them).
 */
export async function createTestDatabase(options: { onQuery?: (query: string) => void } = {}): Promise<Db> {
  const serverUrl = inject('databaseServerUrl');
  const name = `latchkey_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const { db, close } = connect(url.toString(), { max: 25, onQuery: options.onQuery });
  afterAll(async () => {
    await close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return db;
}
