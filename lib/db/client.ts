import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: lib functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Called with the text of every statement sent (the benchmark counts a sign-in's statements with it). */
export type OnQuery = (query: string) => void;

/** Opens a connection pool for `url`. Tests use this directly with their own database. */
export function connect(
  url: string,
  options: { max?: number; onQuery?: OnQuery } = {},
): { db: Db; close: () => Promise<void> } {
  const onQuery = options.onQuery;
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 5,
    // Tests and the benchmark count statements through this; the app leaves it off.
    ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}),
  });
  return { db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
}

const globalForDb = globalThis as unknown as { latchkeyDb?: Db };

/** The app's shared pool, opened on first use so that `next build` needs no database. */
export function getDb(): Db {
  if (globalForDb.latchkeyDb) return globalForDb.latchkeyDb;
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide one.');
  globalForDb.latchkeyDb = connect(url).db;
  return globalForDb.latchkeyDb;
}
