/** The self time of a V8 .cpuprofile within a time window, with bundled frames mapped back to their sources. */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

const sourceMaps = new Map<string, SourceMap | null>();

/** The source map next to a built file (.next chunks and Next's compiled runtime ship them). */
function sourceMapOf(file: string): SourceMap | null {
  if (!sourceMaps.has(file)) {
    let map: SourceMap | null = null;
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  return sourceMaps.get(file)!;
}

/** Where a profiled frame was written: the original file (through the source map) and line. */
function originalPosition(url: string, line: number, column: number): { file: string; line: number } {
  const file = url.replace(/^file:\/\//, '');
  const found = file.startsWith('/') ? sourceMapOf(file)?.findEntry(line, column) : undefined;
  // Node's types say {} when nothing matches; a match carries originalSource and originalLine.
  const entry = found as { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource && entry.originalLine !== undefined) {
    const source = entry.originalSource;
    // Next's compiled runtime names its sources webpack://next/./dist/…, webpack://next/./src/….
    const webpack = /^webpack:\/\/([^/]+)\/(?:\.\/)?(.*)$/.exec(source);
    const resolved = webpack
      ? path.join(process.cwd(), 'node_modules', webpack[1], webpack[2])
      : path.resolve(path.dirname(file), decodeURIComponent(source.replace(/^[a-z]+:\/\/\/?/, '')));
    return { file: resolved, line: entry.originalLine };
  }
  return { file, line };
}

/** "drizzle-orm", "next/compiled/react-server-dom-turbopack", "lib/sessions", "node:internal/streams": a file's module. */
export function moduleOf(file: string): string {
  if (file.startsWith('node:')) return file.split('/').slice(0, 2).join('/');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    // drizzle-orm's own source maps point at ../src/…, which the bundle's map resolves to node_modules/src/.
    if (parts[0] === 'src') return 'drizzle-orm';
    const pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    const rest = parts.slice(parts[0].startsWith('@') ? 2 : 1);
    if (pkg !== 'next') return pkg;
    if (rest[0] === 'dist' && rest[1] === 'compiled') return `next/compiled/${rest[2]}`;
    if (rest[0] === 'dist' && rest[1] === 'esm') rest.splice(1, 1);
    if (rest[1] === 'server' && rest.length > 3) return `next/server/${rest[2]}`;
    return `next/${rest[1]}`;
  }
  const compiled = /(?:^|\/)compiled\/([^/]+)/.exec(file);
  if (compiled) return `next/compiled/${compiled[1]}`;
  const relative = path.relative(process.cwd(), file);
  if (!relative.startsWith('..')) {
    const parts = relative.split('/');
    return parts[0] === 'lib' ? `lib/${parts[1]}` : parts[0] === '.next' ? '.next (unmapped)' : parts[0];
  }
  return file;
}

export type SelfTime = { key: string; ms: number; share: number };

/**
 * Self time per function and per module over the samples taken within [fromUs, toUs] (the
 * profile's clock is CLOCK_MONOTONIC in µs, like process.hrtime), with bundled frames mapped back
 * to their sources. Idle time is reported apart.
 */
export function selfTimes(
  profile: CpuProfile,
  fromUs: number,
  toUs: number,
): { functions: SelfTime[]; modules: SelfTime[]; categories: SelfTime[]; busyMs: number; idleMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  const categories = new Map<string, number>();
  const frames = new Map<number, { fn: string; owner: string; category: string }>();
  let time = profile.startTime;
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    const ms = (i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0) / 1000;
    if (time < fromUs || time > toUs) continue;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    busy += ms;
    let frame = frames.get(node.id);
    if (!frame) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      if (!url) {
        const fn = functionName || '(native)';
        const owner = functionName.startsWith('(') ? functionName : '(native)';
        frame = { fn, owner, category: categoryOf({ fn, owner }) };
      } else {
        const where = originalPosition(url, lineNumber, columnNumber);
        const owner = moduleOf(where.file);
        const fn = `${functionName || '(anonymous)'} ${owner}/${path.basename(where.file)}:${where.line + 1}`;
        frame = { fn, owner, category: categoryOf({ fn, owner }) };
      }
      frames.set(node.id, frame);
    }
    functions.set(frame.fn, (functions.get(frame.fn) ?? 0) + ms);
    modules.set(frame.owner, (modules.get(frame.owner) ?? 0) + ms);
    categories.set(frame.category, (categories.get(frame.category) ?? 0) + ms);
  }
  const ranked = (map: Map<string, number>) =>
    [...map].map(([key, ms]) => ({ key, ms, share: busy ? ms / busy : 0 })).sort((a, b) => b.ms - a.ms);
  return {
    functions: ranked(functions),
    modules: ranked(modules),
    categories: ranked(categories),
    busyMs: busy,
    idleMs: idle,
  };
}

const SOCKET_NATIVES = new Set([
  'writeBuffer',
  'writev',
  'writeLatin1String',
  'writeUtf8String',
  'readStop',
  'shutdown',
]);

/** A coarse owner for a profile key (function and module), so the summary reads in a few lines. */
export function categoryOf(entry: { fn: string; owner: string }): string {
  const { fn, owner } = entry;
  if (owner === '(native)')
    return SOCKET_NATIVES.has(fn.split(' ')[0]) ? 'sockets and streams (node)' : 'native, other';
  if (owner === '(garbage collector)') return 'garbage collection';
  if (owner === '(program)') return 'V8 / runtime, unattributed';
  if (owner.startsWith('next/compiled/react')) return 'React server rendering (RSC)';
  if (owner.startsWith('next')) return 'Next.js server';
  if (owner === 'node:zlib') return 'response compression (node:zlib)';
  if (owner === 'drizzle-orm' || owner === 'postgres') return 'database client (drizzle-orm, postgres.js)';
  if (['@auth/core', 'jose', 'next-auth', 'node:internal/crypto', 'oauth4webapi'].includes(owner))
    return 'Auth.js, jose and node:crypto';
  if (owner === 'node:internal/deps') return 'undici (Next fetching the redirect target)';
  if (owner.includes('async_hooks')) return 'async_hooks (AsyncLocalStorage)';
  if (/^node:(_http|net|stream|internal\/(streams|webstreams|http))/.test(owner)) return 'sockets and streams (node)';
  if (owner.startsWith('lib/') || owner === 'app' || owner === 'components') return 'our code (lib/, app/)';
  if (owner === 'zod') return 'zod';
  return owner.startsWith('node:') ? 'node, other' : `other (${owner})`;
}
