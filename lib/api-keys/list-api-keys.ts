import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import { apiKeys, users } from '../db/schema';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** One key as the user's page lists it: never its secret or its hash. */
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  status: ApiKeyStatus;
};

const creators = alias(users, 'creators');

/** The keys of a user of `companyId` (none for another company's user), newest first. */
export async function listApiKeys(
  db: DbOrTx,
  input: { companyId: string; userId: string; now?: Date },
): Promise<ApiKeyRow[]> {
  const now = input.now ?? new Date();
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdBy: creators.name,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .leftJoin(creators, eq(creators.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.userId, input.userId), eq(users.companyId, input.companyId)))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => ({
    ...row,
    status: row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active',
  }));
}
