import { count, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, companies, outboxMessages, pendingSignUps, users } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { hashToken } from '../crypto/tokens';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { SIGNUP_EMAILS_PER_ADDRESS_PER_HOUR, SIGNUP_LINK_LIFETIME_MS } from '../limits';
import { confirmSignUp, findSignUp, SIGN_UP_EMAIL_TAKEN, SIGN_UP_LINK_INVALID } from './confirm-sign-up';
import { requestSignUp } from './request-sign-up';
import { builtInRoleId } from '../roles/built-in-roles';

let db: Db;
let statements: string[] | null = null;
beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (query) => statements?.push(query) });
});

let n = 0;
const fresh = () => `new-${++n}-${Date.now()}@example.com`;
const request = (email: string, more: { password?: string; ip?: string; username?: string; now?: Date } = {}) =>
  requestSignUp(db, {
    companyName: 'Acme',
    name: 'Ada',
    email,
    username: more.username ?? null,
    password: more.password ?? STRONG_PASSWORD,
    ip: more.ip ?? `198.51.100.${n % 250}`,
    now: more.now,
  });
const totals = async () => ({
  companies: (await db.select({ n: count() }).from(companies))[0].n,
  users: (await db.select({ n: count() }).from(users))[0].n,
});

/** The newest email to `email` once one arrives (they go out after the answer). */
async function mailTo(email: string) {
  for (let i = 0; i < 200; i++) {
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, email))
      .orderBy(desc(outboxMessages.id))
      .limit(1);
    if (message) return message;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no email to ${email}`);
}
const tokenIn = (text: string) => text.match(/\/signup\/confirm\/([A-Za-z0-9_-]{43})/)?.[1] ?? null;

describe('requesting a sign-up', () => {
  it('answers and works the same whether or not the address has an account, and creates nothing', async () => {
    const owner = await seedAdmin(db);
    const address = fresh();
    const before = await totals();
    const run = async (email: string) => {
      statements = [];
      const result = await request(email);
      const sent = statements.map((s) => s.replace(/\$\d+/g, '?'));
      statements = null;
      await mailTo(email.toLowerCase());
      return { result, sent };
    };
    const taken = await run(owner.email.toUpperCase());
    const free = await run(address);
    expect(taken.result).toEqual({ ok: true, data: { email: owner.email } });
    expect(free.result).toEqual({ ok: true, data: { email: address } });
    expect(taken.sent).toEqual(free.sent);
    expect(await totals()).toEqual(before);

    const notice = await mailTo(owner.email);
    expect(notice.subject).toMatch(/tried to create a Latchkey account/);
    expect(tokenIn(notice.text)).toBeNull();
    expect(notice.text).toMatch(/forgot-password/);
    const link = await mailTo(address);
    expect(tokenIn(link.text)).not.toBeNull();
  });

  it('keeps only an argon2id hash of the password and of the link’s token', async () => {
    const email = fresh();
    await request(email);
    const token = tokenIn((await mailTo(email)).text)!;
    const [row] = await db.select().from(pendingSignUps).where(eq(pendingSignUps.email, email));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(STRONG_PASSWORD);
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(SIGNUP_LINK_LIFETIME_MS);
  });

  it('refuses a weak password before storing or sending anything', async () => {
    const email = fresh();
    expect(await request(email, { password: 'password1234' })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.stringMatching(/too easy to guess/) },
    });
    expect(await db.select().from(pendingSignUps).where(eq(pendingSignUps.email, email))).toEqual([]);
  });

  it('counts every attempt per IP before the strength check, so a flood is cut off', async () => {
    process.env.LATCHKEY_SIGNUPS_PER_IP_PER_HOUR = '3';
    try {
      const ip = '203.0.113.77';
      for (let i = 0; i < 3; i++)
        expect(
          await request(fresh(), { ip, password: `p4$$w0rd${'p4$$w0rd'.repeat(30)}`.slice(0, 256) }),
        ).toMatchObject({ ok: false });
      const email = fresh();
      expect(await request(email, { ip })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Too many/),
        retryAfterSeconds: expect.any(Number),
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, email))).toEqual([]);
    } finally {
      delete process.env.LATCHKEY_SIGNUPS_PER_IP_PER_HOUR;
    }
  });

  it('emails one address only so often, with the same answer', async () => {
    const email = fresh();
    for (let i = 0; i <= SIGNUP_EMAILS_PER_ADDRESS_PER_HOUR; i++)
      expect(await request(email)).toEqual({ ok: true, data: { email } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, email))).toHaveLength(
      SIGNUP_EMAILS_PER_ADDRESS_PER_HOUR,
    );
  });
});

describe('confirming a sign-up', () => {
  async function linkFor(email: string, username?: string) {
    await request(email, { username });
    return tokenIn((await mailTo(email.trim().toLowerCase())).text)!;
  }

  it('opening the link changes nothing; confirming creates the company and its admin, once', async () => {
    const email = fresh();
    const token = await linkFor(` ${email.toUpperCase()} `, `ada${n}`);
    const before = await totals();
    expect(await findSignUp(db, token)).toEqual({ email, name: 'Ada', companyName: 'Acme', username: `ada${n}` });
    expect(await totals()).toEqual(before);

    const results = await Promise.all(
      Array.from({ length: 5 }, () => confirmSignUp(db, { token, username: `ada${n}`, ip: '198.51.100.1' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === SIGN_UP_LINK_INVALID)).toHaveLength(4);
    const admin = results.find((r) => r.ok)!;
    if (!admin.ok) return;
    expect(admin.data).toMatchObject({ email, username: `ada${n}`, name: 'Ada' });
    expect(admin.data.roleId).toBe(await builtInRoleId(db, admin.data.companyId, 'administrator'));
    expect(await verifyPassword(admin.data.passwordHash, STRONG_PASSWORD)).toBe(true);
    const [company] = await db.select().from(companies).where(eq(companies.id, admin.data.companyId));
    expect(company.name).toBe('Acme');
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, admin.data.id));
    expect(events.map((e) => e.type)).toEqual(['account.created']);
    expect(await findSignUp(db, token)).toBeNull();
    expect(await totals()).toEqual({ companies: before.companies + 1, users: before.users + 1 });
  });

  it('a username taken meanwhile is a field error; the link stays usable with another one', async () => {
    const taken = `taken${Date.now().toString(36)}`;
    await seedAdmin(db, { username: taken });
    const email = fresh();
    const token = await linkFor(email, taken);
    const before = await totals();
    expect(await confirmSignUp(db, { token, username: taken.toUpperCase() })).toMatchObject({
      ok: false,
      fieldErrors: { username: expect.stringMatching(/taken/) },
    });
    expect(await totals()).toEqual(before);
    expect(await findSignUp(db, token)).not.toBeNull();
    expect(await confirmSignUp(db, { token, username: null })).toMatchObject({
      ok: true,
      data: { email, username: null },
    });
  });

  it('an address registered meanwhile, or an expired link, creates nothing', async () => {
    const email = fresh();
    const token = await linkFor(email);
    await seedAdmin(db, { email });
    const before = await totals();
    expect(await confirmSignUp(db, { token, username: null })).toEqual({ ok: false, error: SIGN_UP_EMAIL_TAKEN });

    const late = fresh();
    const lateToken = await linkFor(late);
    const after = new Date(Date.now() + SIGNUP_LINK_LIFETIME_MS + 1000);
    expect(await findSignUp(db, lateToken, after)).toBeNull();
    expect(await confirmSignUp(db, { token: lateToken, username: null, now: after })).toEqual({
      ok: false,
      error: SIGN_UP_LINK_INVALID,
    });
    expect(await totals()).toEqual(before);
  });
});
