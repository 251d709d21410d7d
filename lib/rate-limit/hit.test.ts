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
