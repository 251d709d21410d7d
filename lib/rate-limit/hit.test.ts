import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { hitRateLimit } from './hit';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

describe('hitRateLimit', () => {
  it('lets exactly `limit` of many concurrent attempts through', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => hitRateLimit(db, { key: 'burst', limit: 10, windowMs: 60_000 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('opens a new window once the old one has ended', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) await hitRateLimit(db, { key: 'window', limit: 2, windowMs: 60_000, now: t0 });
    const blocked = await hitRateLimit(db, {
      key: 'window',
      limit: 2,
      windowMs: 60_000,
      now: new Date(t0.getTime() + 30_000),
    });
    expect(blocked).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    const later = await hitRateLimit(db, {
      key: 'window',
      limit: 2,
      windowMs: 60_000,
      now: new Date(t0.getTime() + 61_000),
    });
    expect(later).toMatchObject({ allowed: true, count: 1 });
  });
});

describe('backoff', () => {
  const claim = { key: 'backoff', limit: 2, windowMs: 60_000, backoff: true };

  it('each repeated lockout lasts twice as long, and a burst trips it only once', async () => {
    let now = new Date('2026-02-01T00:00:00Z').getTime();
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      // A burst of parallel attempts: only the first one over the limit may lengthen the lockout.
      const results = await Promise.all(
        Array.from({ length: 10 }, () => hitRateLimit(db, { ...claim, now: new Date(now) })),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(2);
      const wait = Math.max(...results.map((r) => r.retryAfterSeconds));
      waits.push(wait);
      now += wait * 1000 + 1;
    }
    expect(waits).toEqual([60, 120, 240]);
  });

  it('a counter without backoff keeps its plain window', async () => {
    const t0 = new Date('2026-03-01T00:00:00Z').getTime();
    for (let round = 0; round < 3; round++) {
      const now = new Date(t0 + round * 61_000);
      for (let i = 0; i < 3; i++) await hitRateLimit(db, { key: 'plain', limit: 2, windowMs: 60_000, now });
      expect(await hitRateLimit(db, { key: 'plain', limit: 2, windowMs: 60_000, now })).toMatchObject({
        allowed: false,
        retryAfterSeconds: 60,
      });
    }
  });
});
