import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { auditEvents, invitations, outboxMessages, users, type User } from '../db/schema';
import { hashToken } from '../crypto/tokens';
import { verifyPassword } from '../crypto/password';
import { INVITATION_LIFETIME_MS } from '../limits';
import { createTestDatabase } from '../../tests/db';
import { seedAdmin, STRONG_PASSWORD } from '../../tests/fixtures';
import { acceptInvitation } from './accept-invitation';
import { findInvitation, INVITATION_MESSAGES } from './find-invitation';
import { ALREADY_IN_COMPANY, inviteUser } from './invite-user';
import { resendInvitation } from './resend-invitation';
import { builtInRoleId } from '../roles/built-in-roles';

let db: Db;
let admin: User;
beforeAll(async () => {
  db = await createTestDatabase();
  admin = await seedAdmin(db);
});

const NEW_PASSWORD = 'violet harbour cobalt ferry 19';
let counter = 0;

/** Invites a user and reads the link's token back from the email the dev outbox received. */
async function invite(overrides: { email?: string; now?: Date } = {}) {
  const email = overrides.email ?? `invitee-${++counter}-${Date.now()}@example.com`;
  const result = await inviteUser(db, {
    companyId: admin.companyId,
    actorUserId: admin.id,
    name: 'Ines Invitee',
    email,
    roleId: await builtInRoleId(db, admin.companyId, 'member'),
    now: overrides.now,
  });
  if (!result.ok || !result.data.user) throw new Error(result.ok ? 'address taken' : result.error);
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.to, email.toLowerCase()));
  const token = mail.text.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];
  return { user: result.data.user, token, mail };
}

describe('inviteUser', () => {
  it('creates a passwordless user in the admin’s company and emails a link; only the token’s hash is stored', async () => {
    const { user, token, mail } = await invite({ email: 'New.Person@Example.com' });
    expect(user).toMatchObject({
      companyId: admin.companyId,
      email: 'new.person@example.com',
      roleId: await builtInRoleId(db, admin.companyId, 'member'),
      passwordHash: null,
    });
    expect(mail.subject).toBe('Join Test Co on Latchkey');
    const [row] = await db.select().from(invitations).where(eq(invitations.userId, user.id));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(INVITATION_LIFETIME_MS);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.map((e) => e.type)).toEqual(['user.invited']);
  });

  it('a user of the admin’s own company, in any case, is a field error and creates nothing', async () => {
    const before = await db.select().from(users);
    const result = await inviteUser(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      name: 'Dup',
      email: admin.email.toUpperCase(),
      roleId: await builtInRoleId(db, admin.companyId, 'member'),
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: ALREADY_IN_COMPANY } });
    expect(await db.select().from(users)).toHaveLength(before.length);
  });
});

describe('acceptInvitation', () => {
  it('opening the link changes nothing', async () => {
    const { user, token } = await invite();
    expect(await findInvitation(db, { token })).toMatchObject({
      state: 'valid',
      email: user.email,
      name: 'Ines Invitee',
    });
    expect(await findInvitation(db, { token })).toMatchObject({ state: 'valid' });
    const [row] = await db.select().from(invitations).where(eq(invitations.userId, user.id));
    expect(row.usedAt).toBeNull();
  });

  it('sets the password once; the link then says it was used', async () => {
    const { user, token } = await invite();
    expect(await acceptInvitation(db, { token, password: NEW_PASSWORD })).toEqual({
      ok: true,
      data: { email: user.email },
    });
    const [saved] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(saved.passwordHash, NEW_PASSWORD)).toBe(true);
    const again = await acceptInvitation(db, { token, password: STRONG_PASSWORD });
    expect(again).toEqual({ ok: false, error: INVITATION_MESSAGES.used });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.passwordHash).toBe(saved.passwordHash);
    expect(await findInvitation(db, { token })).toEqual({ state: 'used' });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.map((e) => e.type)).toContain('invitation.accepted');
  });

  it('10 concurrent accepts of one link: exactly one wins, the rest are told it was used', async () => {
    const { user, token } = await invite();
    const passwords = Array.from({ length: 10 }, (_, i) => `${NEW_PASSWORD} ${i}`);
    const results = await Promise.all(passwords.map((password) => acceptInvitation(db, { token, password })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === INVITATION_MESSAGES.used)).toHaveLength(9);
    const winner = passwords[results.findIndex((r) => r.ok)];
    const [saved] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(saved.passwordHash, winner)).toBe(true);
    const accepted = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(accepted.filter((e) => e.type === 'invitation.accepted')).toHaveLength(1);
  });

  it('expires after 48 hours and then sets nothing', async () => {
    const invitedAt = new Date(Date.now() - INVITATION_LIFETIME_MS - 1000);
    const { user, token } = await invite({ now: invitedAt });
    expect(await findInvitation(db, { token })).toEqual({ state: 'expired' });
    expect(await acceptInvitation(db, { token, password: NEW_PASSWORD })).toEqual({
      ok: false,
      error: INVITATION_MESSAGES.expired,
    });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toBeNull();
    // One second before expiry it still works.
    const fresh = await invite({ now: new Date(Date.now() - INVITATION_LIFETIME_MS + 1000) });
    expect((await acceptInvitation(db, { token: fresh.token, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it('refuses a weak password and keeps the link usable; an unknown token is invalid', async () => {
    const { token } = await invite();
    expect(await acceptInvitation(db, { token, password: 'password1234' })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.stringMatching(/too easy to guess/) },
    });
    expect(await findInvitation(db, { token })).toMatchObject({ state: 'valid' });
    expect(await acceptInvitation(db, { token: 'x'.repeat(43), password: NEW_PASSWORD })).toEqual({
      ok: false,
      error: INVITATION_MESSAGES.invalid,
    });
  });

  it('a new invitation makes the older link stop working', async () => {
    const { user, token } = await invite();
    const resent = await resendInvitation(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      targetUserId: user.id,
    });
    expect(resent).toEqual({ ok: true, data: { emailSent: true } });
    expect(await findInvitation(db, { token })).toEqual({ state: 'expired' });
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
    const newest = mails.at(-1)!.text.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];
    expect((await acceptInvitation(db, { token: newest, password: NEW_PASSWORD })).ok).toBe(true);
    // Once a password is set, no admin can send a link that would replace it.
    expect(
      await resendInvitation(db, { companyId: admin.companyId, actorUserId: admin.id, targetUserId: user.id }),
    ).toMatchObject({ ok: false });
  });
});

describe('inviting an address that belongs to another company', () => {
  it('answers exactly as for a new address, creates nothing, and tells the address’s owner', async () => {
    const other = await seedAdmin(db);
    const usersBefore = await db.select().from(users);
    const taken = await inviteUser(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      name: 'Somebody',
      email: other.email.toUpperCase(),
      roleId: await builtInRoleId(db, admin.companyId, 'administrator'),
    });
    const fresh = await inviteUser(db, {
      companyId: admin.companyId,
      actorUserId: admin.id,
      name: 'Somebody',
      email: `fresh-${Date.now()}@example.com`,
      roleId: await builtInRoleId(db, admin.companyId, 'administrator'),
    });
    expect(taken.ok).toBe(true);
    expect(fresh.ok).toBe(true);
    if (!taken.ok || !fresh.ok) return;
    expect(taken.data.emailSent).toBe(fresh.data.emailSent);
    expect(await db.select().from(users)).toHaveLength(usersBefore.length + 1);
    const [owner] = await db.select().from(users).where(eq(users.id, other.id));
    expect(owner).toEqual(other);
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.to, other.email));
    expect(mails.at(-1)?.text).toMatch(/tried to invite/);
    expect(mails.at(-1)?.text).not.toMatch(/\/invite\//);
  });
});

describe('invitation limits', () => {
  it('an admin can send only so many invitations an hour; the rest send and create nothing', async () => {
    const sender = await seedAdmin(db);
    const { INVITATIONS_PER_ADMIN_PER_HOUR } = await import('../limits');
    const memberRole = await builtInRoleId(db, sender.companyId, 'member');
    const send = (i: number) =>
      inviteUser(db, {
        companyId: sender.companyId,
        actorUserId: sender.id,
        name: 'Flood',
        email: `flood-${i}-${sender.id}@example.com`,
        roleId: memberRole,
      });
    for (let i = 0; i < INVITATIONS_PER_ADMIN_PER_HOUR; i++) expect((await send(i)).ok).toBe(true);
    const refused = await send(INVITATIONS_PER_ADMIN_PER_HOUR);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/Too many invitations/) });
    const email = `flood-${INVITATIONS_PER_ADMIN_PER_HOUR}-${sender.id}@example.com`;
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, email))).toEqual([]);
  });

  it('a company’s admins together are limited per day, resends included', async () => {
    const first = await seedAdmin(db);
    const { INVITATIONS_PER_COMPANY_PER_DAY, INVITATIONS_PER_ADMIN_PER_HOUR } = await import('../limits');
    const { seedMember } = await import('../../tests/fixtures');
    const admins = [first];
    while (admins.length * INVITATIONS_PER_ADMIN_PER_HOUR <= INVITATIONS_PER_COMPANY_PER_DAY)
      admins.push(await seedMember(db, first.companyId, { role: 'administrator' }));
    const memberRole = await builtInRoleId(db, first.companyId, 'member');
    const actor = (i: number) => admins[Math.floor(i / INVITATIONS_PER_ADMIN_PER_HOUR)].id;
    const results = [];
    let invited: User | null = null;
    for (let i = 0; i < INVITATIONS_PER_COMPANY_PER_DAY; i++) {
      if (i === 1) {
        // A resend sends mail too, and counts like an invitation.
        results.push(
          await resendInvitation(db, { companyId: first.companyId, actorUserId: actor(i), targetUserId: invited!.id }),
        );
        continue;
      }
      const result = await inviteUser(db, {
        companyId: first.companyId,
        actorUserId: actor(i),
        name: 'Many',
        email: `many-${i}-${first.companyId}@example.com`,
        roleId: memberRole,
      });
      if (result.ok) invited ??= result.data.user;
      results.push(result);
    }
    expect(results.filter((r) => r.ok)).toHaveLength(INVITATIONS_PER_COMPANY_PER_DAY);
    const next = admins.at(-1)!;
    expect(
      await inviteUser(db, {
        companyId: first.companyId,
        actorUserId: next.id,
        name: 'One more',
        email: `one-more-${first.companyId}@example.com`,
        roleId: memberRole,
      }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/Too many invitations/) });
    expect(
      await resendInvitation(db, { companyId: first.companyId, actorUserId: next.id, targetUserId: invited!.id }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/Too many invitations/) });
  });
});
