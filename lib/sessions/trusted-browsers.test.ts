import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, trustedBrowsers } from '../db/schema';
import { hashToken } from '../crypto/tokens';
import { DAY_MS, TRUSTED_BROWSER_MAX_DAYS } from '../limits';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import {
  forgetTrustedBrowser,
  listTrustedBrowsers,
  readTrustedBrowserToken,
  signTrustedBrowserToken,
  trustBrowser,
  findTrustedBrowser,
} from './trusted-browsers';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

const NOW = new Date();
const daysLater = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('the trusted-browser cookie', () => {
  it('reads back the token it signed, and refuses a tampered, unsigned or oversized value', async () => {
    const user = await seedAdmin(db);
    const trusted = (await trustBrowser(db, { userId: user.id, companyDays: 30, now: NOW }))!;
    const value = signTrustedBrowserToken(trusted.token);
    expect(readTrustedBrowserToken(value)).toBe(trusted.token);
    const other = (await trustBrowser(db, { userId: user.id, companyDays: 30, now: NOW }))!;
    // Another valid token under this cookie's signature, a flipped character, the bare token, junk.
    expect(readTrustedBrowserToken(`${other.token}.${value.split('.')[1]}`)).toBeNull();
    const flipped = value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
    expect(readTrustedBrowserToken(flipped)).toBeNull();
    expect(readTrustedBrowserToken(trusted.token)).toBeNull();
    expect(readTrustedBrowserToken(`${value}${'x'.repeat(300)}`)).toBeNull();
    expect(readTrustedBrowserToken('')).toBeNull();
    expect(readTrustedBrowserToken(undefined)).toBeNull();
  });
});

describe('trustBrowser and findTrustedBrowser', () => {
  it('stores only the token’s SHA-256, for the company’s days capped at 30; off trusts nothing', async () => {
    const user = await seedAdmin(db);
    expect(await trustBrowser(db, { userId: user.id, companyDays: 0, now: NOW })).toBeNull();
    const trusted = (await trustBrowser(db, {
      userId: user.id,
      companyDays: 45,
      userAgent: 'UA',
      ip: '10.1.1.1',
      now: NOW,
    }))!;
    expect(trusted.expiresAt).toEqual(daysLater(TRUSTED_BROWSER_MAX_DAYS));
    const rows = await db.select().from(trustedBrowsers).where(eq(trustedBrowsers.userId, user.id));
    expect(rows).toEqual([
      expect.objectContaining({
        tokenHash: hashToken(trusted.token),
        userAgent: 'UA',
        ip: '10.1.1.1',
        lastUsedAt: null,
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(trusted.token);
  });

  it('counts for its own user until it expires, and records its last use', async () => {
    const user = await seedAdmin(db);
    const other = await seedMember(db, user.companyId);
    const { token } = (await trustBrowser(db, { userId: user.id, companyDays: 7, now: NOW }))!;
    const use = (userId: string, at: Date, companyDays = 7) =>
      findTrustedBrowser(db, { userId, token, companyDays, now: at });
    expect(await use(user.id, daysLater(6))).toMatchObject({ userId: user.id, lastUsedAt: daysLater(6) });
    expect(await use(other.id, daysLater(1))).toBeNull();
    expect(await use(user.id, daysLater(7.01))).toBeNull();
    expect(
      await findTrustedBrowser(db, { userId: user.id, token: 'not-a-token', companyDays: 7, now: NOW }),
    ).toBeNull();
  });

  it('a lowered company setting, or off, stops the skipping at once', async () => {
    const user = await seedAdmin(db);
    const { token } = (await trustBrowser(db, { userId: user.id, companyDays: 30, now: NOW }))!;
    const use = (companyDays: number) =>
      findTrustedBrowser(db, { userId: user.id, token, companyDays, now: daysLater(10) });
    expect(await use(7)).toBeNull();
    expect(await use(0)).toBeNull();
    expect(await use(30)).not.toBeNull();
  });
});

describe('listing and forgetting', () => {
  it('lists the user’s unexpired browsers; Forget works only on one’s own, audited', async () => {
    const user = await seedAdmin(db);
    const other = await seedMember(db, user.companyId);
    await trustBrowser(db, { userId: user.id, companyDays: 1, now: new Date(NOW.getTime() - 2 * DAY_MS) });
    await trustBrowser(db, { userId: user.id, companyDays: 30, userAgent: 'Mine', now: NOW });
    await trustBrowser(db, { userId: other.id, companyDays: 30, now: NOW });
    const listed = await listTrustedBrowsers(db, { userId: user.id, now: NOW });
    expect(listed.map((b) => b.userAgent)).toEqual(['Mine']);
    const forget = (userId: string) =>
      forgetTrustedBrowser(db, { userId, companyId: user.companyId, id: listed[0].id, ip: '10.0.0.1' });
    expect(await forget(other.id)).toBe(false);
    expect(await listTrustedBrowsers(db, { userId: user.id, now: NOW })).toHaveLength(1);
    expect(await forget(user.id)).toBe(true);
    expect(await listTrustedBrowsers(db, { userId: user.id, now: NOW })).toEqual([]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.type, 'trusted_browser.forgotten'));
    expect(events).toEqual([expect.objectContaining({ actorUserId: user.id, targetUserId: user.id, ip: '10.0.0.1' })]);
  });
});
