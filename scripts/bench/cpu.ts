/**
 * Where the CPU goes, from outside: CPU seconds per process and thread name of a process group
 * (/proc, Linux), and the self time of a V8 .cpuprofile within a time window.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ

function stat(path: string): { comm: string; pgid: number; cpu: number } | null {
  try {
    const text = readFileSync(path, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is state (field 3); pgrp is field 5, utime 14, stime 15.
    return { comm, pgid: Number(fields[2]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by each thread of each process in `pgids`, keyed "process › thread". */
export function cpuByThread(pgids: number[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const processStat = stat(`/proc/${pid}/stat`);
    if (!processStat || !pgids.includes(processStat.pgid)) continue;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const thread = stat(`/proc/${pid}/task/${tid}/stat`);
      if (!thread) continue;
      const threadName = tid === pid ? 'main' : thread.comm.replace(/[\d-]+$/, '') || 'thread';
      const key = `${processStat.comm} › ${threadName}`;
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

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

/** "next/dist/server", "postgres", "node:internal/streams", ".next/server/chunks/ssr/…": a module for a URL. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith('node:')) return path.split('/').slice(0, 2).join('/');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split('/');
    const pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    const rest = parts.slice(parts[0].startsWith('@') ? 2 : 1);
    if (pkg === 'next' && rest[0] === 'dist' && rest[1] === 'compiled') return `next/compiled/${rest[2]}`;
    if (pkg === 'next' && rest[0] === 'dist') return `next/dist/${rest[1]}`;
    return pkg;
  }
  const next = path.indexOf('/.next/');
  if (next >= 0) return path.slice(next + 1);
  return path;
}

export type SelfTime = { key: string; ms: number; share: number };

/**
 * Self time per function and per module over the samples taken within [fromUs, toUs] (the
 * profile's clock is CLOCK_MONOTONIC in µs, like process.hrtime). Idle time is reported apart.
 */
export function selfTimes(
  profile: CpuProfile,
  fromUs: number,
  toUs: number,
): { functions: SelfTime[]; modules: SelfTime[]; busyMs: number; idleMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let time = profile.startTime;
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (time < fromUs || time > toUs) continue;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const ms = next / 1000;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    busy += ms;
    const where = url ? ` ${moduleOf(url, functionName)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${where}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    const owner = moduleOf(url, functionName);
    modules.set(owner, (modules.get(owner) ?? 0) + ms);
  }
  const ranked = (map: Map<string, number>) =>
    [...map].map(([key, ms]) => ({ key, ms, share: busy ? ms / busy : 0 })).sort((a, b) => b.ms - a.ms);
  return { functions: ranked(functions), modules: ranked(modules), busyMs: busy, idleMs: idle };
}
