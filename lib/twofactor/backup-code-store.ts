import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { backupCodes } from '../db/schema';
import { backupCodeHashCandidates, generateBackupCodes, hashBackupCode, normalizeBackupCode } from './backup-codes';

/** Replaces a user's backup codes with a new set and returns it; the old set stops working now. */
export async function replaceBackupCodes(db: DbOrTx, userId: string): Promise<string[]> {
  const codes = generateBackupCodes();
  await db.delete(backupCodes).where(eq(backupCodes.userId, userId));
  await db
    .insert(backupCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashBackupCode(normalizeBackupCode(code)!) })));
  return codes;
}

export async function countUnusedBackupCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)));
  return row.n;
}

export type BackupCodeUse = { ok: true; remaining: number } | { ok: false; reason: 'invalid' | 'used' };

/**
 * Uses a backup code exactly once: a single conditional UPDATE marks it used only if it was
 * unused, so of any number of concurrent uses exactly one wins.
 */
export async function redeemBackupCode(
  db: DbOrTx,
  input: { userId: string; code: string; now?: Date },
): Promise<BackupCodeUse> {
  const normalized = normalizeBackupCode(input.code);
  if (!normalized) return { ok: false, reason: 'invalid' };
  const candidates = backupCodeHashCandidates(normalized);
  const used = await db
    .update(backupCodes)
    .set({ usedAt: input.now ?? new Date() })
    .where(
      and(eq(backupCodes.userId, input.userId), inArray(backupCodes.codeHash, candidates), isNull(backupCodes.usedAt)),
    )
    .returning({ id: backupCodes.id });
  if (used.length === 1) return { ok: true, remaining: await countUnusedBackupCodes(db, input.userId) };
  const [spent] = await db
    .select({ id: backupCodes.id })
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, input.userId), inArray(backupCodes.codeHash, candidates)));
  return { ok: false, reason: spent ? 'used' : 'invalid' };
}
