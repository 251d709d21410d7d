import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { recordAudit } from '../audit/record';
import { trustedBrowsers, type TrustedBrowser } from '../db/schema';
import { hashToken, newToken, safeEqual } from '../crypto/tokens';
import { keyedHash, keyedHashes } from '../crypto/keyed-hash';
import { DAY_MS, TRUSTED_BROWSER_COOKIE_MAX_LENGTH, TRUSTED_BROWSER_MAX_DAYS, USER_AGENT_MAX_LENGTH } from '../limits';

const COOKIE_PURPOSE = 'trusted-browser-cookie';

/** The days a browser may be trusted under a company setting: 0 (off) to 30. */
export function trustedBrowserDays(companyDays: number): number {
  return Math.max(0, Math.min(Math.floor(companyDays), TRUSTED_BROWSER_MAX_DAYS));
}

/** The cookie's value: the token and its keyed hash, so a tampered value is refused before any lookup. */
export function signTrustedBrowserToken(token: string): string {
  return `${token}.${keyedHash(COOKIE_PURPOSE, token)}`;
}

/** The token inside a cookie value whose signature holds (under any known key), else null. */
export function readTrustedBrowserToken(value: string | null | undefined): string | null {
  if (!value || value.length > TRUSTED_BROWSER_COOKIE_MAX_LENGTH) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  return keyedHashes(COOKIE_PURPOSE, token).some((expected) => safeEqual(expected, signature)) ? token : null;
}

/**
 * Remembers this browser for the user for the company's trust period (at most 30 days) and returns
 * the token for its cookie; only the token's SHA-256 is stored. Null when the company does not allow it.
 */
export async function trustBrowser(
  db: DbOrTx,
  input: { userId: string; companyDays: number; userAgent?: string | null; ip?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date } | null> {
  const days = trustedBrowserDays(input.companyDays);
  if (days === 0) return null;
  const now = input.now ?? new Date();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  await db.insert(trustedBrowsers).values({
    userId: input.userId,
    tokenHash: hashToken(token),
    userAgent: input.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
    ip: input.ip ?? null,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * The user's trusted browser behind `token`, if it still counts: the row is this user's, unexpired,
 * and younger than the company's CURRENT trust period (a lowered setting, or off, applies at once).
 * Its last use is recorded by the same statement.
 */
export async function findTrustedBrowser(
  db: DbOrTx,
  input: { userId: string; token: string; companyDays: number; now?: Date },
): Promise<TrustedBrowser | null> {
  const days = trustedBrowserDays(input.companyDays);
  if (days === 0) return null;
  const now = input.now ?? new Date();
  const [row] = await db
    .update(trustedBrowsers)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(trustedBrowsers.tokenHash, hashToken(input.token)),
        eq(trustedBrowsers.userId, input.userId),
        gt(trustedBrowsers.expiresAt, now),
        gt(trustedBrowsers.createdAt, new Date(now.getTime() - days * DAY_MS)),
      ),
    )
    .returning();
  return row ?? null;
}

/** The user's unexpired trusted browsers, newest first. */
export async function listTrustedBrowsers(db: DbOrTx, input: { userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db
    .select({
      id: trustedBrowsers.id,
      userAgent: trustedBrowsers.userAgent,
      ip: trustedBrowsers.ip,
      createdAt: trustedBrowsers.createdAt,
      lastUsedAt: trustedBrowsers.lastUsedAt,
      expiresAt: trustedBrowsers.expiresAt,
    })
    .from(trustedBrowsers)
    .where(and(eq(trustedBrowsers.userId, input.userId), gt(trustedBrowsers.expiresAt, now)))
    .orderBy(desc(trustedBrowsers.createdAt));
}

/**
 * "Forget" under Where you're signed in: deletes one trusted browser of the user's own (another
 * user's id matches nothing) with its audit row; true if one was forgotten.
 */
export async function forgetTrustedBrowser(
  db: Db,
  input: { userId: string; companyId: string; id: string; ip?: string | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(trustedBrowsers)
      .where(and(eq(trustedBrowsers.id, input.id), eq(trustedBrowsers.userId, input.userId)))
      .returning({ id: trustedBrowsers.id });
    if (gone.length === 0) return false;
    await recordAudit(tx, {
      type: 'trusted_browser.forgotten',
      companyId: input.companyId,
      actorUserId: input.userId,
      targetUserId: input.userId,
      ip: input.ip,
    });
    return true;
  });
}
