import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { auditEvents, sessions, users } from '../../lib/db/schema';
import { e2eDb } from '../db';
import { signUpNewCompany } from '../helpers';

const FORGED = '203.0.113.66';

test('a client-written X-Forwarded-For never becomes the address of a session or an audit event', async ({ page }) => {
  // LATCHKEY_TRUSTED_PROXY_HOPS is 0 here (no proxy of ours): only the socket's address counts.
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': FORGED });
  const account = await signUpNewCompany(page);
  const db = e2eDb();
  const [user] = await db.select().from(users).where(eq(users.email, account.email));
  const rows = await db.select({ ip: sessions.ip }).from(sessions).where(eq(sessions.userId, user.id));
  const events = await db
    .select({ ip: auditEvents.ip })
    .from(auditEvents)
    .where(eq(auditEvents.companyId, user.companyId));
  const seen = [...rows, ...events].map((r) => r.ip).filter(Boolean);
  expect(seen.length).toBeGreaterThan(0);
  for (const ip of seen) {
    expect(ip).not.toContain(FORGED);
    expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  }
});
