/**
 * `npm run bench`: measures, in one run on this machine, what DESIGN.md §5 cares about and prints
 * each figure with its ratio. It starts its own embedded PostgreSQL in a temporary data folder.
 *
 * 1. Pure checks: a TOTP verification and a backup-code HMAC, in microseconds.
 * 2. A password hash (argon2id, OWASP parameters), in milliseconds.
 * 3. A full second-factor sign-in step (verifyChallenge with a TOTP code against Postgres), idle
 *    and while 16 password checks run at once: the bounded hash pool must keep the ratio small.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { generateSync } from 'otplib';
import { connect } from '../lib/db/client';
import { freePort, startEmbeddedPostgres } from '../lib/db/embedded';
import { migrateDatabase } from '../lib/db/migrate';
import { hashPassword, verifyPassword } from '../lib/crypto/password';
import { checkTotp, newTotpSecret } from '../lib/twofactor/totp';
import { hashBackupCode } from '../lib/twofactor/backup-codes';
import { createCompany } from '../lib/accounts/create-company';
import { beginTotpSetup } from '../lib/twofactor/totp-credential';
import { enableTotp } from '../lib/twofactor/enable-totp';
import { createSession } from '../lib/sessions/sessions';
import { openChallenge } from '../lib/sign-in/open-challenge';
import { verifyFactor } from '../lib/sign-in/verify-factor';

process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString('base64');
const PASSWORD = 'quartz lantern orbit meadow 42';

function perOp(label: string, iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(100, iterations); i++) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const us = ((performance.now() - start) * 1000) / iterations;
  console.log(`${label.padEnd(52)} ${us.toFixed(1).padStart(9)} µs/op`);
  return us;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  console.log('Latchkey benchmarks (one run, this machine)\n');
  const secret = newTotpSecret();
  const now = new Date();
  const code = generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
  const totpUs = perOp('TOTP check (±1 step)', 5_000, () => checkTotp({ secret, code, now }));
  const hmacUs = perOp('backup-code keyed hash (HMAC-SHA-256)', 20_000, () => hashBackupCode('7KQ2MX9PDA'));

  const hashes = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await hashPassword(PASSWORD);
    hashes.push(performance.now() - t);
  }
  const argonMs = median(hashes);
  console.log(
    `${'argon2id hash (m=19 MiB, t=2, p=1), median of 5'.padEnd(52)} ${argonMs.toFixed(1).padStart(9)} ms/op`,
  );
  console.log(
    `${'ratio: argon2id hash / TOTP check'.padEnd(52)} ${Math.round((argonMs * 1000) / totpUs)
      .toString()
      .padStart(9)} ×`,
  );
  console.log(
    `${'ratio: argon2id hash / backup-code hash'.padEnd(52)} ${Math.round((argonMs * 1000) / hmacUs)
      .toString()
      .padStart(9)} ×\n`,
  );

  const dataDir = path.resolve('.data', `bench-${process.pid}`);
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const { db, close } = connect(pg.url, { max: 20 });
  try {
    await migrateDatabase(pg.url);
    const user = await createCompany(db, {
      companyName: 'Bench',
      name: 'Bench',
      email: 'bench@example.com',
      passwordHash: await hashPassword(PASSWORD),
    });
    const totpSecret = (await beginTotpSetup(db, user.id))!;
    const session = await createSession(db, { userId: user.id, secondFactor: false });
    const enabled = await enableTotp(db, {
      user,
      sessionId: session.id,
      password: PASSWORD,
      code: generateSync({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) }),
    });
    if (!enabled.ok) throw new Error(enabled.error);

    // Each sign-in uses a later time step (codes are single-use), with its own clock.
    let step = Math.floor(Date.now() / 30_000) + 10;
    async function oneSecondFactor(): Promise<number> {
      step += 1;
      const at = new Date(step * 30_000);
      const { token } = await openChallenge(db, { userId: user.id, factorRequired: true, now: at });
      const t = performance.now();
      const result = await verifyFactor(db, {
        token,
        method: 'totp',
        code: generateSync({ secret: totpSecret, epoch: step * 30 }),
        now: at,
      });
      const ms = performance.now() - t;
      if (!result.ok) throw new Error(result.error);
      return ms;
    }
    const ROUNDS = 200;
    for (let i = 0; i < 10; i++) await oneSecondFactor();
    const idle: number[] = [];
    for (let i = 0; i < ROUNDS; i++) idle.push(await oneSecondFactor());

    let loaded = true;
    const LOAD = 16;
    const load = Array.from({ length: LOAD }, async () => {
      let n = 0;
      while (loaded) {
        await verifyPassword(user.passwordHash, `wrong-${n++}`);
      }
      return n;
    });
    const busy: number[] = [];
    for (let i = 0; i < ROUNDS; i++) busy.push(await oneSecondFactor());
    loaded = false;
    const passwordChecks = (await Promise.all(load)).reduce((a, b) => a + b, 0);

    const idleMs = median(idle);
    const busyMs = median(busy);
    console.log(
      `${'second-factor step (verifyChallenge, TOTP), idle'.padEnd(52)} ${idleMs.toFixed(2).padStart(9)} ms median`,
    );
    console.log(
      `${`same, during ${LOAD} concurrent password checks`.padEnd(52)} ${busyMs.toFixed(2).padStart(9)} ms median`,
    );
    console.log(`${'ratio: loaded / idle'.padEnd(52)} ${(busyMs / idleMs).toFixed(2).padStart(9)} ×`);
    console.log(`${'password checks completed meanwhile'.padEnd(52)} ${String(passwordChecks).padStart(9)}`);
  } finally {
    await close();
    await pg.stop();
    for (const dir of [dataDir, pg.clusterDir]) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
