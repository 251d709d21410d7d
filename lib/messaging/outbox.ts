import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { outboxMessages, type OutboxMessage } from '../db/schema';
import { OUTBOX_PAGE_SIZE } from '../limits';

/** The newest messages of the development outbox. */
export async function listOutbox(db: DbOrTx): Promise<OutboxMessage[]> {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.id)).limit(OUTBOX_PAGE_SIZE);
}
