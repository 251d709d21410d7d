import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, users } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { STRONG_PASSWORD } from '../../tests/fixtures';
import { signUp } from './sign-up';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const base = { companyName: 'Acme', name: 'Ada', password: STRONG_PASSWORD };
const totals = async () => ({
  companies: (await db.select({ n: count() }).from(companies))[0].n,
  users: (await db.select({ n: count() }).from(users))[0].n,
});

describe('signUp', () => {
  it('creates a company with its first user as admin, audited', async () => {
    const result = await signUp(db, { ...base, email: '  Ada@Example.COM ', username: 'ada' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ role: 'admin', email: 'ada@example.com', username: 'ada' });
    expect(result.data.passwordHash).toMatch(/^\$argon2id\$/);
    const events = await db.select().from(auditEvents);
    expect(events.map((e) => e.type)).toContain('account.created');
  });

  it('refuses a duplicate email in another case and writes nothing', async () => {
    const before = await totals();
    const result = await signUp(db, { ...base, email: 'ADA@example.com' });
    expect(result).toEqual({
      ok: false,
      error: 'Please correct the highlighted fields.',
      fieldErrors: { email: expect.stringMatching(/already exists/) },
    });
    expect(await totals()).toEqual(before);
  });

  it('refuses a duplicate username in another case and writes nothing', async () => {
    const before = await totals();
    const result = await signUp(db, { ...base, email: 'other@example.com', username: 'ADA' });
    expect(result).toEqual({
      ok: false,
      error: 'Please correct the highlighted fields.',
      fieldErrors: { username: expect.stringMatching(/taken/) },
    });
    expect(await totals()).toEqual(before);
  });

  it('limits sign-ups per IP address before any work', async () => {
    process.env.LATCHKEY_SIGNUPS_PER_IP_PER_HOUR = '2';
    try {
      const attempt = (i: number) => signUp(db, { ...base, email: `flood-${i}@example.com`, ip: '198.51.100.9' });
      expect((await attempt(1)).ok).toBe(true);
      expect((await attempt(2)).ok).toBe(true);
      const before = await totals();
      expect(await attempt(3)).toMatchObject({ ok: false, error: expect.stringMatching(/Too many new accounts/) });
      expect(await totals()).toEqual(before);
    } finally {
      delete process.env.LATCHKEY_SIGNUPS_PER_IP_PER_HOUR;
    }
  });

  it('refuses a weak password before writing anything', async () => {
    const before = await totals();
    const result = await signUp(db, { ...base, email: 'weak@example.com', password: 'password1234' });
    expect(result.ok).toBe(false);
    expect(await totals()).toEqual(before);
  });
});
