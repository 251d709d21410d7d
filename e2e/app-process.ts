/**
 * Latchkey started the way an operator starts it (`npm start`), for journeys that need an app
 * instance of their own: a second instance on the e2e database, or one to stop.
 */
import { execFileSync, spawn } from 'node:child_process';
import { expect } from '@playwright/test';

export type AppProcess = {
  url: string;
  /** The pid of `npm` itself. */
  pid: number;
  /** Resolves when npm has exited. */
  exited: Promise<void>;
  /** SIGTERM to npm, then wait for it to exit. */
  stop: () => Promise<void>;
};

/** Runs `npm start` on `port` with `env` over ours, and resolves once GET /healthz answers. */
export async function startApp(port: number, env: Record<string, string>): Promise<AppProcess> {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let running = true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((running = false), resolve())));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () => {
        if (!running) throw new Error(`npm start exited early:\n${output}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 90_000, intervals: [250] },
    )
    .toBe(200);
  const stop = async () => {
    if (running) child.kill('SIGTERM');
    await exited;
  };
  return { url, pid: child.pid!, exited, stop };
}

type Ps = { pid: number; ppid: number; state: string; command: string };

function ps(): Ps[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [pid, ppid, state, ...command] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), state, command: command.join(' ') };
    });
}

/** `root` and every process it started, directly or not. */
export function processTree(root: number): Ps[] {
  const all = ps();
  const tree = all.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...all.filter((p) => p.ppid === tree[i].pid));
  return tree;
}

/** Those of `processes` still running (a zombie has exited; a reused pid runs another command). */
export function stillRunning(processes: Ps[]): Ps[] {
  const running = new Set(
    ps()
      .filter((p) => !p.state.startsWith('Z'))
      .map((p) => `${p.pid} ${p.command}`),
  );
  return processes.filter((p) => running.has(`${p.pid} ${p.command}`));
}
