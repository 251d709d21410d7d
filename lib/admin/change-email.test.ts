import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/client';
import { invitations, outboxMessages, users, type User } from '../db/schema';
import { requestPasswordReset } from '../accounts/request-password-reset';
import { findPasswordReset, resetPassword } from '../accounts/reset-password';
import type { Result } from '../result';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, seedMember } from '../../tests/fixtures';
import { cancelEmailChange, findPendingEmailChange } from './pending-email-change';
import { confirmEmailChange } from './confirm-email-change';
import { updateUser } from './update-user';
import { builtInRoleId } from '../roles/built-in-roles';

let db: Db;
let admin: User;
beforeAll(async () => {
  db = await createTestDatabase();
  admin = await seedAdmin(db);
});

const fresh = () => `new-${randomBytes(4).toString('hex')}@example.com`;
const edit = (target: User, email: string) =>
  updateUser(db, {
    companyId: target.companyId,
    actorUserId: admin.id,
    targetUserId: target.id,
    name: target.name,
    email,
    mobile: target.mobile ?? '',
    roleId: target.roleId,
  });
const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
/** What the admin's browser is told: everything but the ids, which differ between two users. */
const answer = (r: Result<unknown>) =>
  r.ok ? { ok: true, data: JSON.parse(JSON.stringify(r.data, (k, v) => (/id$|email$|name$/i.test(k) ? '·' : v))) } : r;
/** Newest email to `to` since `since`, waiting for mail sent after a response. */
async function mailTo(to: string, since: Date) {
  return vi.waitFor(
    async () => {
      const [m] = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.to, to), gt(outboxMessages.createdAt, since)))
        .orderBy(desc(outboxMessages.id))
        .limit(1);
      if (!m) throw new Error(`no mail to ${to} yet`);
      return m;
    },
    { timeout: 5_000 },
  );
}

describe('an admin changes a user’s email', () => {
  it('to an address of another company: the same answer as for an unused address, and nothing about them leaks', async () => {
    const outsider = await seedAdmin(db);
    const [first, second] = [await seedMember(db, admin.companyId), await seedMember(db, admin.companyId)];
    const taken = await edit(first, outsider.email.toUpperCase());
    const unused = await edit(second, fresh());
    expect(answer(taken)).toEqual(answer(unused));
    expect(taken.ok).toBe(true);
    // The other company's user is untouched, and the account still has its own address.
    expect(await row(outsider.id)).toEqual(outsider);
    expect((await row(first.id)).email).toBe(first.email);
  });

  it('to an address of their own company: a plain field error (the admin can see that user anyway)', async () => {
    const [first, second] = [await seedMember(db, admin.companyId), await seedMember(db, admin.companyId)];
    expect(await edit(first, second.email)).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.stringMatching(/in your company/) },
    });
  });

  it('voids a password-reset link sent to the old address in the same change', async () => {
    const member = await seedMember(db, admin.companyId);
    const since = new Date(Date.now() - 1000);
    expect(await requestPasswordReset(db, { email: member.email, ip: '198.51.100.7' })).toEqual({
      ok: true,
      data: undefined,
    });
    const token = (await mailTo(member.email, since)).text.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1];
    expect(await findPasswordReset(db, token)).not.toBeNull();

    expect((await edit(member, fresh())).ok).toBe(true);
    expect(await findPasswordReset(db, token)).toBeNull();
    expect(await resetPassword(db, { token, newPassword: 'a brand new passphrase 77' })).toMatchObject({ ok: false });
    expect((await row(member.id)).passwordHash).toBe(member.passwordHash);
  });

  it('the new address confirms by link, once; until then the account keeps its address', async () => {
    const member = await seedMember(db, admin.companyId);
    const since = new Date(Date.now() - 1000);
    const address = fresh();
    expect(await edit(member, address.toUpperCase())).toEqual({
      ok: true,
      data: { changed: [], emailChangePending: true, userEmailed: null, linkSent: true },
    });
    expect(await findPendingEmailChange(db, member.id)).toMatchObject({ newEmail: address });
    const token = (await mailTo(address, since)).text.match(/\/confirm-email\/([A-Za-z0-9_-]{43})/)![1];
    expect((await mailTo(member.email, since)).subject).toBe('A change of your email address was requested');
    expect((await row(member.id)).email).toBe(member.email);

    expect(await confirmEmailChange(db, { token })).toEqual({ ok: true, data: { email: address } });
    expect((await row(member.id)).email).toBe(address);
    expect(await findPendingEmailChange(db, member.id)).toBeNull();
    expect(await confirmEmailChange(db, { token })).toMatchObject({ ok: false });
  });

  it('an address of another company gets no link: nothing can ever move the account there', async () => {
    const outsider = await seedAdmin(db);
    const member = await seedMember(db, admin.companyId);
    const since = new Date(Date.now() - 1000);
    expect((await edit(member, outsider.email)).ok).toBe(true);
    const note = await mailTo(outsider.email, since);
    expect(note.text).toContain('already belongs to an account');
    expect(note.text).not.toMatch(/confirm-email/);
    expect(note.text).not.toContain(member.name);
  });

  it('a reset link asked for while the change waits dies when it is confirmed; cancelling kills the confirm link', async () => {
    const member = await seedMember(db, admin.companyId);
    let since = new Date(Date.now() - 1000);
    const address = fresh();
    await edit(member, address);
    const token = (await mailTo(address, since)).text.match(/\/confirm-email\/([A-Za-z0-9_-]{43})/)![1];
    since = new Date();
    await requestPasswordReset(db, { email: member.email, ip: '198.51.100.8' });
    const reset = (await mailTo(member.email, since)).text.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1];
    expect(await findPasswordReset(db, reset)).not.toBeNull();
    expect((await confirmEmailChange(db, { token })).ok).toBe(true);
    expect(await findPasswordReset(db, reset)).toBeNull();

    const again = fresh();
    since = new Date(Date.now() - 1000);
    await edit({ ...member, email: address }, again);
    const second = (await mailTo(again, since)).text.match(/\/confirm-email\/([A-Za-z0-9_-]{43})/)![1];
    const scope = { companyId: admin.companyId, actorUserId: admin.id, targetUserId: member.id };
    expect(await cancelEmailChange(db, scope)).toEqual({ ok: true, data: undefined });
    expect(await confirmEmailChange(db, { token: second })).toMatchObject({ ok: false });
    expect((await row(member.id)).email).toBe(address);
  });

  it('an invited user without a password gets a new invitation at the confirmed address; the old link is dead', async () => {
    const [invited] = await db
      .insert(users)
      .values({
        companyId: admin.companyId,
        name: 'Typo Person',
        email: `typo-${fresh()}`,
        roleId: await builtInRoleId(db, admin.companyId, 'member'),
      })
      .returning();
    await db.insert(invitations).values({
      userId: invited.id,
      tokenHash: 'old-invitation-hash',
      invitedBy: admin.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const since = new Date(Date.now() - 1000);
    const address = fresh();
    await edit(invited, address);
    const live = await db
      .select()
      .from(invitations)
      .where(and(eq(invitations.userId, invited.id), gt(invitations.expiresAt, new Date())));
    expect(live).toEqual([]);
    const token = (await mailTo(address, since)).text.match(/\/confirm-email\/([A-Za-z0-9_-]{43})/)![1];
    const confirmedAt = new Date();
    expect((await confirmEmailChange(db, { token })).ok).toBe(true);
    const invitation = await vi.waitFor(async () => {
      const [m] = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.to, address), gt(outboxMessages.createdAt, confirmedAt)));
      if (!m) throw new Error('no invitation yet');
      return m;
    });
    expect(invitation.text).toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
  });
});
