import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../tests/db';
import { connect } from '../db/client';
import { freePort } from '../db/embedded';
import { checkReadiness } from './readiness';

describe('checkReadiness', () => {
  it('is ready on a migrated database, and then no longer reads the migrations table', async () => {
    const db = await createTestDatabase();
    expect(await checkReadiness(db)).toEqual({ ready: true });
    await db.execute('alter table drizzle.__drizzle_migrations rename to moved_away');
    expect(await checkReadiness(db)).toEqual({ ready: true });
  });

  it('is not ready on a database the migrations never ran on', async () => {
    const admin = postgres(inject('databaseServerUrl'), { max: 1, onnotice: () => {} });
    const name = `latchkey_bare_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(inject('databaseServerUrl'));
    url.pathname = `/${name}`;
    const { db, close } = connect(url.toString(), { max: 1 });
    afterAll(async () => {
      await close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    expect(await checkReadiness(db)).toEqual({ ready: false, reason: 'The database migrations are not applied.' });
  });

  it('says the database cannot be reached when nothing listens', async () => {
    const { db, close } = connect(`postgres://nobody:x@127.0.0.1:${await freePort()}/none`, { max: 1 });
    expect(await checkReadiness(db)).toEqual({ ready: false, reason: 'The database cannot be reached.' });
    await close();
  });

  it('gives up quickly on a database that accepts connections but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const { db, close } = connect(`postgres://nobody:x@127.0.0.1:${port}/none`, { max: 1 });
    const started = Date.now();
    expect(await checkReadiness(db, 300)).toEqual({
      ready: false,
      reason: 'The database did not answer within 300 ms.',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    silent.close();
    for (const socket of sockets) socket.destroy();
    // Not awaited: ending a pool whose connection never opened waits out its own timeout.
    void close().catch(() => {});
  });
});
