import { sql } from 'drizzle-orm';
import journal from '../../drizzle/meta/_journal.json';
import type { Db } from './client';

/** When the newest migration of this build was generated: drizzle records it as `created_at`. */
const LATEST_MIGRATION = Math.max(...journal.entries.map((entry) => entry.when));

/**
 * True when the database has every migration this build knows, by the same test drizzle's
 * migrator uses to decide what to apply (the newest `created_at` it recorded).
 */
export async function migrationsApplied(db: Db): Promise<boolean> {
  try {
    const [row] = await db.execute<{ latest: string | null }>(
      sql`select max(created_at) as latest from drizzle.__drizzle_migrations`,
    );
    return Number(row?.latest ?? 0) >= LATEST_MIGRATION;
  } catch (error) {
    // undefined_table (drizzle wraps the driver's error in `cause`): the migrator never ran here.
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === '42P01') return false;
    throw error;
  }
}
