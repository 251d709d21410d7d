/** Starts the floor server (scripts/bench/floor-server.ts) as a child process and talks to it. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { send, setCookieValue } from './http';
import type { Replayer } from './replay';

export type Floor = Replayer & { url: string; stop: () => Promise<void> };

export async function startFloor(input: {
  port: number;
  databaseUrl: string;
  nodeOptions?: string;
  env?: Record<string, string>;
}): Promise<Floor> {
  const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['scripts/bench/floor-server.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(input.port),
      DATABASE_URL: input.databaseUrl,
      ...(input.nodeOptions ? { NODE_OPTIONS: input.nodeOptions } : {}),
      ...input.env,
    },
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-5_000)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('floor ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`The floor server exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${input.port}`;
  const form = (values: Record<string, string>) => Buffer.from(new URLSearchParams(values).toString());
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'latchkey-bench' };
  return {
    url,
    async password({ identifier, password, ip }) {
      const reply = await send({
        url: `${url}/password`,
        headers,
        body: form({ identifier, password }),
        localAddress: ip,
      });
      const token = setCookieValue(reply, 'lk_challenge');
      return reply.status === 303 && token
        ? { ok: true, reply, token }
        : { ok: false, reply, reason: `HTTP ${reply.status}` };
    },
    async verify({ token, code, ip }) {
      const reply = await send({
        url: `${url}/verify`,
        headers: { ...headers, cookie: `lk_challenge=${token}` },
        body: form({ code }),
        localAddress: ip,
      });
      return reply.status === 303 ? { ok: true, reply } : { ok: false, reply, reason: `HTTP ${reply.status}` };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
