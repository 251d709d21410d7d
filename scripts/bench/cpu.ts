/** Where the CPU goes, from outside: CPU seconds per process and thread of a process group (/proc, Linux). */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ

function stat(file: string): { comm: string; ppid: number; pgid: number; cpu: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is the state (field 3 of proc(5)); ppid is field 4, pgrp 5, utime 14, stime 15.
    return {
      comm,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      cpu: (Number(fields[11]) + Number(fields[12])) / TICKS,
    };
  } catch {
    return null;
  }
}

/** A Node process is named by its script (scripts/bench.ts, floor-server.ts, run.ts), others by their command. */
function processLabel(pid: number, comm: string): string {
  if (comm !== 'node') return comm;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = args.find((arg) => /\.(ts|js|mjs|cjs)$/.test(arg) && !arg.includes('node_modules'));
    return script ? `node ${script.split('/').slice(-2).join('/')}` : `node ${args.slice(1, 2).join(' ')}`;
  } catch {
    return comm;
  }
}

/** This process's group (npm, tsx and the bench itself). */
export const ownProcessGroup = () => stat('/proc/self/stat')!.pgid;

/**
 * CPU seconds used so far by each thread of the processes in `pgids` and their descendants (a
 * PostgreSQL backend leaves its parent's group with setsid()), keyed "process › thread".
 */
export function cpuByThread(pgids: number[]): Map<string, number> {
  const processes = new Map<number, { comm: string; ppid: number; pgid: number }>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const info = stat(`/proc/${name}/stat`);
    if (info) processes.set(Number(name), info);
  }
  const included = new Set([...processes].filter(([, p]) => pgids.includes(p.pgid)).map(([pid]) => pid));
  for (let grown = true; grown;) {
    grown = false;
    for (const [pid, p] of processes) {
      if (!included.has(pid) && included.has(p.ppid)) {
        included.add(pid);
        grown = true;
      }
    }
  }
  const totals = new Map<string, number>();
  for (const pid of included) {
    const label = processLabel(pid, processes.get(pid)!.comm);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const thread = stat(`/proc/${pid}/task/${tid}/stat`);
      if (!thread) continue;
      const threadName = Number(tid) === pid ? 'main' : thread.comm.replace(/[\d-]+$/, '') || 'thread';
      const key = `${label} › ${threadName}`;
      totals.set(key, (totals.get(key) ?? 0) + thread.cpu);
    }
  }
  return totals;
}

export function cpuDelta(before: Map<string, number>, after: Map<string, number>): Array<[string, number]> {
  return [...after]
    .map(([key, value]) => [key, value - (before.get(key) ?? 0)] as [string, number])
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** Who a process › thread key belongs to, for the CPU table of the report. */
function groupOf(key: string): string {
  if (key.startsWith('latchkey-server') || key.startsWith('next-server')) return 'Next.js server';
  if (key.startsWith('postgres')) return 'PostgreSQL';
  if (key.includes('floor-server')) return 'floor server';
  if (key.includes('scripts/bench.ts')) return 'bench (client)';
  return 'other';
}

export type CpuUse = { seconds: number; byGroup: Record<string, number> };

/** Runs `work` and returns the CPU seconds each group of processes used meanwhile, and the wall time. */
export async function withCpu<T>(pgids: number[], work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = cpuByThread(pgids);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const byGroup: Record<string, number> = {};
  for (const [key, cpu] of cpuDelta(before, cpuByThread(pgids))) {
    byGroup[groupOf(key)] = (byGroup[groupOf(key)] ?? 0) + cpu;
  }
  return { result, cpu: { seconds, byGroup } };
}
