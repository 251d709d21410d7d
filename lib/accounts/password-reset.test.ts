import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { outboxMessages, passwordResets } from '../db/schema';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedUserWithTotp, STRONG_PASSWORD } from '../../tests/fixtures';
import { createSession, findActiveSession } from '../sessions/sessions';
import { loadPolicy } from '../twofactor/load-policy';
import { checkPassword } from '../sign-in/check-password';
import { requestPasswordReset } from './request-password-reset';
import { findPasswordReset, resetPassword } from './reset-password';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
const NEW = 'violet harbour compass 1987 kettle';

/** The newest link the user received, once it differs from `previous` (the email goes out after the answer). */
async function linkSentTo(email: string, previous?: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, email))
      .orderBy(desc(outboxMessages.id))
      .limit(1);
    const token = message?.text.match(/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
    if (token && token !== previous) return token;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no new reset email');
}

describe('forgot password', () => {
  it('answers the same for unknown addresses and sends nothing', async () => {
    expect(await requestPasswordReset(db, { email: 'nobody@example.com', ip: '10.20.0.1' })).toEqual({
      ok: true,
      data: undefined,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, 'nobody@example.com'))).toEqual([]);
  });

  it('a link works once, sets the new password, ends every session, and 2FA still applies', async () => {
    const { user } = await seedUserWithTotp(db);
    const session = await createSession(db, { userId: user.id, secondFactor: true });
    expect(await requestPasswordReset(db, { email: user.email.toUpperCase(), ip: '10.20.0.2' })).toEqual({
      ok: true,
      data: undefined,
    });
    const token = await linkSentTo(user.email);
    expect(await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, token))).toEqual([]);
    expect((await findPasswordReset(db, token))?.id).toBe(user.id);
    expect(await resetPassword(db, { token, newPassword: 'password1234' })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.any(String) },
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => resetPassword(db, { token, newPassword: NEW })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await checkPassword(db, { identifier: user.email, password: NEW, ip: '10.20.0.3' })).ok).toBe(true);
    expect((await checkPassword(db, { identifier: user.email, password: STRONG_PASSWORD, ip: '10.20.0.3' })).ok).toBe(
      false,
    );
    expect(await findActiveSession(db, session.id)).toBeNull();
    expect((await loadPolicy(db, user)).required).toBe(true);
  });

  it('an expired link does nothing, and a newer link replaces an older one', async () => {
    const user = await seedAdmin(db);
    const t0 = new Date(Date.now() - 2 * 3600_000);
    await requestPasswordReset(db, { email: user.email, ip: '10.20.0.4', now: t0 });
    const old = await linkSentTo(user.email);
    expect(await resetPassword(db, { token: old, newPassword: NEW })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expired/),
    });
    await requestPasswordReset(db, { email: user.email, ip: '10.20.0.4' });
    const first = await linkSentTo(user.email, old);
    await requestPasswordReset(db, { email: user.email, ip: '10.20.0.4' });
    const second = await linkSentTo(user.email, first);
    expect(await findPasswordReset(db, first)).toBeNull();
    expect(await findPasswordReset(db, second)).not.toBeNull();
  });

  it('is limited per address', async () => {
    const user = await seedAdmin(db);
    for (let i = 0; i < 3; i++) await requestPasswordReset(db, { email: user.email, ip: `10.21.0.${i}` });
    const sent = async () => (await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email))).length;
    for (let i = 0; i < 100 && (await sent()) < 3; i++) await new Promise((r) => setTimeout(r, 20));
    const before = await sent();
    expect(before).toBe(3);
    expect(await requestPasswordReset(db, { email: user.email, ip: '10.21.1.1' })).toEqual({
      ok: true,
      data: undefined,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await sent()).toBe(before);
  });
});
