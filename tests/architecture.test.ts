import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every non-test .ts file under lib/, with the lib folder (or top-level file) it belongs to. */
function libFiles(): Array<{ file: string; area: string }> {
  const found: Array<{ file: string; area: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        found.push({ file: full, area: areaOf(full) });
    }
  };
  walk('lib');
  return found;
}
const areaOf = (file: string) => path.relative('lib', file).split(path.sep)[0].replace(/\.ts$/, '');

/** lib folder → the lib folders it imports. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { file, area } of libFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = areaOf(path.join(path.dirname(file), spec));
      if (target !== area) graph.set(area, (graph.get(area) ?? new Set()).add(target));
    }
  }
  return graph;
}

describe('the shape of lib/', () => {
  it('has no two folders importing each other, directly or around a loop', () => {
    const graph = folderGraph();
    const loops: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (path.includes(next)) loops.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const start of graph.keys()) visit(start, [start]);
    expect(loops).toEqual([]);
  });

  it('imports Next.js only from lib/auth', () => {
    const offenders = libFiles()
      .filter(({ area }) => area !== 'auth')
      .filter(({ file }) => /from '(next|next\/[^']*|next-auth[^']*)'/.test(readFileSync(file, 'utf8')))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
