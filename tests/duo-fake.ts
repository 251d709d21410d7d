import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_DUO } from '../e2e/config';
import { createDuoFake, type DuoFake, type DuoFakeOptions } from '../e2e/fakes/duo';
import { afterAll, beforeAll } from 'vitest';
import { createDuoClient, type DuoClientOptions } from '../lib/duo/client';

export { FAKE_DUO };
export { fakeDuoSettings } from '../e2e/fakes/duo-settings';

/**
 * The e2e Duo fake on a loopback port of its own, for lib tests: the real client talks to it over HTTP
 * with the e2e integration's keys, as the app does through DUO_BASE_URL.
 */
export async function startDuoFake(options: Partial<DuoFakeOptions> = {}) {
  const fake: DuoFake = createDuoFake({
    host: FAKE_DUO.host,
    integrations: { [FAKE_DUO.ikey]: FAKE_DUO.skey },
    longPollMs: 200,
    ...options,
  });
  const server: Server = createServer(async (req, res) => {
    if (!(await fake.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fake,
    url,
    /** A client of the fake: the e2e keys and host unless overridden. */
    client: (overrides: Partial<DuoClientOptions> = {}) =>
      createDuoClient({ ikey: FAKE_DUO.ikey, skey: FAKE_DUO.skey, host: FAKE_DUO.host, baseUrl: url, ...overrides }),
    /** Scripts the fake over HTTP, as e2e specs do. */
    script: async (path: string, body?: unknown) => {
      const response = await fetch(`${url}/_duo/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The fake for a whole test file, reached by the app's own client through DUO_BASE_URL (as
 * duoClientFor reads it): call at the top of the file, read `.current` inside tests.
 */
export function withDuoFake(): { current: Awaited<ReturnType<typeof startDuoFake>> } {
  const holder = {} as { current: Awaited<ReturnType<typeof startDuoFake>> };
  beforeAll(async () => {
    holder.current = await startDuoFake();
    process.env.DUO_BASE_URL = holder.current.url;
  });
  afterAll(async () => {
    delete process.env.DUO_BASE_URL;
    await holder.current.close();
  });
  return holder;
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
