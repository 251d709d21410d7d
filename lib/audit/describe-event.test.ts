import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEvent, EVENT_RULES, plainAddress } from './describe-event';

const ADMIN = 'admin@example.com';
const USER = 'user@example.com';

type Case = [
  type: string,
  detail: Record<string, unknown>,
  who: { actor: string | null; target: string | null },
  want: Partial<ReturnType<typeof describeEvent>>,
];
const self = { actor: USER, target: USER };
const byAdmin = { actor: ADMIN, target: USER };
const noActor = { actor: null, target: USER };

/** Every event type the code writes, with the detail it writes, and how the Activity page reads it. */
const CASES: Case[] = [
  [
    'account.created',
    {},
    { actor: ADMIN, target: ADMIN },
    { what: 'Created the company account', by: ADMIN, subject: '—' },
  ],
  [
    'session.created',
    { secondFactor: true, method: 'totp' },
    self,
    { what: 'Signed in', detail: 'With: authenticator app' },
  ],
  ['session.created', { secondFactor: false }, self, { detail: 'With the password only' }],
  [
    'auth.second_factor_passed',
    { method: 'backup' },
    self,
    { what: 'Passed two-factor authentication', detail: 'With: backup code' },
  ],
  ['auth.second_factor_passed', { method: 'otp' }, self, { detail: 'With: sign-in code by sms/email' }],
  [
    'auth.second_factor_passed',
    { method: 'duo', factor: 'push', txid: 'TX1', statusMsg: 'Success. Logging you in...' },
    self,
    { detail: 'With: duo' },
  ],
  [
    'auth.duo_refused',
    { method: 'duo', factor: 'push', txid: 'TX1', statusMsg: 'Login request denied.' },
    self,
    { what: 'Was refused by Duo at sign-in', detail: 'Login request denied. (push)' },
  ],
  [
    'auth.duo_fraud',
    { method: 'duo', factor: 'push', txid: 'TX1', statusMsg: 'Login request reported as fraudulent.' },
    self,
    { what: 'Reported a Duo Push as fraud at sign-in' },
  ],
  [
    'auth.duo_unavailable',
    { method: 'duo', factor: 'preauth', duo: { kind: 'timeout' } },
    self,
    { what: 'Could not use Duo at sign-in (Duo did not answer)', detail: '(preauth)' },
  ],
  ['session.ended_by_user', { count: 1 }, self, { detail: '1 session ended' }],
  [
    'session.reauthenticated',
    { method: 'password' },
    self,
    { what: 'Confirmed it’s them for sensitive changes', detail: 'With: password' },
  ],
  ['password.changed', {}, self, { what: 'Changed their password', detail: '' }],
  [
    'password.reset_requested',
    {},
    noActor,
    { what: 'Asked for a password reset link', by: 'Someone not signed in', subject: USER },
  ],
  ['password.reset', {}, self, { what: 'Reset their password from the email link' }],
  ['2fa.enabled', { method: 'totp' }, self, { what: 'Enabled an authenticator app', by: USER, subject: '—' }],
  ['2fa.disabled', {}, self, { what: 'Disabled two-factor authentication' }],
  ['2fa.backup_codes_regenerated', {}, self, { what: 'Created new backup codes' }],
  ['2fa.preferred_method_changed', { method: 'otp' }, self, { detail: 'Sign-in code by SMS/Email' }],
  [
    '2fa.company_policy_changed',
    { before: { required: false }, after: { required: true, totp: true, duo: false } },
    { actor: ADMIN, target: null },
    {
      what: 'Changed two-factor authentication for the company',
      detail: 'Off → On (SMS/Email, authenticator app)',
      subject: '—',
    },
  ],
  [
    '2fa.setup_started_by_admin',
    {},
    byAdmin,
    { what: 'Started setting up an authenticator app for a user', subject: USER },
  ],
  ['2fa.setup_cancelled_by_admin', {}, byAdmin, { what: 'Cancelled setting up an authenticator app for a user' }],
  ['2fa.enabled_by_admin', { method: 'totp' }, byAdmin, { what: 'Set up an authenticator app for a user', detail: '' }],
  ['2fa.method_set_by_admin', { method: 'duo' }, byAdmin, { what: 'Chose a user’s sign-in method', detail: 'Duo' }],
  ['2fa.duo_setup_started', {}, self, { what: 'Started Duo Setup (a phone to activate in Duo Mobile)' }],
  ['2fa.duo_setup_completed', { how: 'activated' }, self, { detail: 'Phone activated in Duo Mobile' }],
  ['2fa.duo_setup_completed', { how: 'known to Duo' }, byAdmin, { detail: 'Duo already knew the user' }],
  ['user.duo_username_set', { from: null, to: 'jdoe' }, byAdmin, { detail: 'Duo knows them as jdoe' }],
  ['2fa.reset_by_admin', { reason: 'lost phone' }, byAdmin, { detail: 'Reason: lost phone', by: ADMIN, subject: USER }],
  ['security_question.set', {}, self, { what: 'Set their security question' }],
  [
    'otp.delivery_failed',
    { channel: 'sms', error: 'Twilio refused (503)' },
    noActor,
    { detail: 'By SMS', by: 'Latchkey (automatic)', subject: USER },
  ],
  [
    'email.failed',
    { subject: 'Your account details were changed', error: 'Resend refused the email: Internal server error' },
    noActor,
    {
      what: 'An email could not be sent',
      detail: '“Your account details were changed”',
      by: 'Latchkey (automatic)',
      subject: USER,
    },
  ],
  ['email.failed', { subject: 'invitation', error: 'x' }, noActor, { detail: 'The invitation' }],
  ['user.invited', { role: 'member' }, byAdmin, { what: 'Invited a user', detail: 'As a member' }],
  ['user.invited', { role: 'admin' }, byAdmin, { detail: 'As an admin' }],
  ['user.invited', { role: 'Administrator' }, byAdmin, { detail: 'With the role Administrator' }],
  ['user.invited', { role: 'Billing bot' }, byAdmin, { detail: 'With the role Billing bot' }],
  ['user.reinvited', {}, byAdmin, { what: 'Sent an invitation again' }],
  ['invitation.accepted', {}, self, { what: 'Accepted their invitation' }],
  [
    'user.updated',
    { changed: ['isApiAccount'], to: { role: 'Member', isApiAccount: true } },
    byAdmin,
    { detail: 'Marked as API Account' },
  ],
  [
    'user.updated',
    { changed: ['isApiAccount'], to: { role: 'Member', isApiAccount: false } },
    byAdmin,
    { detail: 'No longer an API Account' },
  ],
  ['user.updated', { changed: ['isApiAccount'] }, byAdmin, { detail: 'Changed the API Account setting' }],
  [
    'user.updated',
    {
      changed: ['name', 'mobile', 'role', 'email (awaiting confirmation)'],
      to: { role: 'admin', isApiAccount: false },
    },
    byAdmin,
    {
      detail:
        'Changed the name; changed the mobile number; made an admin; asked to change the email (waits for the new address to confirm)',
    },
  ],
  // Rows written before roles per company hold 'admin' or 'member'; newer ones the role's name.
  [
    'user.updated',
    { changed: ['role'], to: { role: 'member', isApiAccount: false } },
    byAdmin,
    { detail: 'Made a member' },
  ],
  [
    'user.updated',
    { changed: ['role'], to: { role: 'Administrator', isApiAccount: false } },
    byAdmin,
    { detail: 'Gave the role “Administrator”' },
  ],
  [
    'user.updated',
    { changed: ['name', 'role'], to: { role: 'Billing bot', isApiAccount: true } },
    byAdmin,
    { detail: 'Changed the name; gave the role “Billing bot”' },
  ],
  ['user.updated', { changed: ['role'] }, byAdmin, { detail: 'Changed the role' }],
  ['user.updated', { changed: [] }, byAdmin, { detail: 'No changes' }],
  [
    'user.updated',
    { changed: ['role'], to: { role: 'Helpdesk', isApiAccount: false } },
    byAdmin,
    { detail: 'Gave the role “Helpdesk”' },
  ],
  [
    'role.created',
    { roleId: 'r', name: 'Helpdesk', permissions: ['users:read'], granted: ['See users'] },
    { actor: ADMIN, target: null },
    { what: 'Created a role', detail: '“Helpdesk”: see users', by: ADMIN, subject: '—' },
  ],
  [
    'role.created',
    { roleId: 'r', name: 'Visitors', permissions: [], granted: [] },
    { actor: ADMIN, target: null },
    { detail: '“Visitors”: their own account only' },
  ],
  [
    'role.updated',
    {
      roleId: 'r',
      name: 'Helpdesk',
      renamedFrom: 'Support',
      from: ['users:read', 'users:2fa'],
      to: ['users:read', 'audit:read'],
      added: ['See activity'],
      removed: ['Manage users’ two-factor authentication'],
    },
    { actor: ADMIN, target: null },
    {
      what: 'Changed a role',
      detail: '“Helpdesk”: renamed from “Support”; added see activity; removed manage users’ two-factor authentication',
    },
  ],
  [
    'role.deleted',
    { roleId: 'r', name: 'Helpdesk', permissions: ['users:read'] },
    { actor: ADMIN, target: null },
    { what: 'Deleted a role', detail: '“Helpdesk”' },
  ],
  ['user.email_changed', {}, byAdmin, { what: 'Changed a user’s email (the new address confirmed it)' }],
  ['user.email_change_cancelled', {}, byAdmin, { what: 'Cancelled a user’s email change' }],
  ['user.sign_in_unlocked', { cleared: 2 }, byAdmin, { what: 'Unlocked a user’s sign-in', detail: '' }],
  ['user.sign_in_unlocked', { cleared: 0 }, byAdmin, { detail: 'Nothing was locked' }],
  [
    'company.session_limits_changed',
    { changed: ['idle 30 → 60 minutes', 'length 12 → 12 hours'] },
    { actor: ADMIN, target: null },
    { what: 'Changed how long sessions last', detail: 'Idle timeout 30 → 60 minutes' },
  ],
  [
    'company.session_limits_changed',
    { changed: ['idle 15 → 120 minutes', 'length 8 → 24 hours'] },
    { actor: ADMIN, target: null },
    { detail: 'Idle timeout 15 → 120 minutes; maximum session length 8 → 24 hours' },
  ],
  [
    'recovery.answer_failed',
    {},
    noActor,
    { what: 'Gave a wrong answer to the security question', by: 'Someone not signed in' },
  ],
  ['recovery.started', { requestId: 'r' }, noActor, { what: 'Started account recovery', detail: '' }],
  ['recovery.email_confirmed', { requestId: 'r' }, noActor, { what: 'Confirmed account recovery from the email link' }],
  ['recovery.cancelled', { requestId: 'r' }, noActor, { what: 'Cancelled account recovery from the email link' }],
  [
    'recovery.approved',
    { requestId: 'r' },
    byAdmin,
    { what: 'Approved account recovery', detail: '', by: ADMIN, subject: USER },
  ],
  [
    'user.deactivated',
    {},
    byAdmin,
    { what: 'Deactivated a user', detail: 'Signed out everywhere; can no longer sign in', subject: USER },
  ],
  ['user.reactivated', {}, byAdmin, { what: 'Reactivated a user', detail: '', by: ADMIN, subject: USER }],
  [
    'user.deleted',
    { name: 'Alice Liddell' },
    { actor: ADMIN, target: null },
    { what: 'Deleted a user', detail: 'Name: Alice Liddell', by: ADMIN },
  ],
  [
    'api_account.marked',
    { generated: true },
    byAdmin,
    { what: 'Marked a user as an API Account', detail: 'With a generated password', subject: USER },
  ],
  ['api_account.marked', { generated: false }, byAdmin, { detail: 'With a password the admin chose' }],
  [
    'api_account.unmarked',
    { keysRevoked: 2 },
    byAdmin,
    { what: 'Turned an API Account back into a regular user', detail: '2 API keys revoked' },
  ],
  ['api_account.unmarked', { keysRevoked: 0 }, byAdmin, { detail: '' }],
  ['api_account.password_rotated', {}, byAdmin, { what: 'Rotated an API Account’s password', subject: USER }],
  [
    'api_account.allow_list_set',
    { from: [], to: ['203.0.113.0/24', '2001:db8::/32'] },
    byAdmin,
    { what: 'Changed where an API Account may call from', detail: 'Any address → 203.0.113.0/24, 2001:db8::/32' },
  ],
  [
    'api_key.created',
    { keyId: 'k', name: 'Nightly export', prefix: 'lk_AbCdEfGh', expiresAt: '2027-03-12T00:00:00.000Z' },
    byAdmin,
    { what: 'Created an API key', detail: '“Nightly export” (lk_AbCdEfGh…), expires 12 Mar 2027' },
  ],
  [
    'api_key.created',
    { name: 'CI', prefix: 'lk_AbCdEfGh', expiresAt: null },
    byAdmin,
    { detail: '“CI” (lk_AbCdEfGh…), never expires' },
  ],
  [
    'api_key.revoked',
    { keyId: 'k', name: 'CI', prefix: 'lk_AbCdEfGh' },
    byAdmin,
    { what: 'Revoked an API key', detail: '“CI” (lk_AbCdEfGh…)', subject: USER },
  ],
  [
    'api.refused_address',
    { address: '203.0.113.9', via: 'key', keyId: 'k' },
    self,
    { what: 'Called the API from an address outside its allow-list (refused)', detail: 'With an API key', by: USER },
  ],
  [
    'passkey.added',
    { name: 'Work laptop', deviceType: 'multiDevice' },
    self,
    { what: 'Added a passkey or security key', detail: '“Work laptop”' },
  ],
  ['passkey.removed', { name: 'Blue key' }, self, { what: 'Removed a passkey or security key', detail: '“Blue key”' }],
  [
    'passkey.cloned_refused',
    { name: 'Blue key', storedCounter: 7, newCounter: 3 },
    self,
    {
      what: 'Tried to sign in with a passkey or security key that looks copied (refused)',
      detail: '“Blue key”: its signature counter went from 7 back to 3',
    },
  ],
  ['auth.second_factor_passed', { method: 'passkey' }, self, { detail: 'With: passkey or security key' }],
  [
    'session.created',
    { secondFactor: true, method: 'trusted_browser' },
    self,
    { what: 'Signed in', detail: 'With: trusted browser (second factor not asked)' },
  ],
  [
    'trusted_browser.added',
    { days: 30 },
    self,
    { what: 'Trusted a browser: no second factor there', detail: 'For 30 days' },
  ],
  ['trusted_browser.forgotten', {}, self, { what: 'Forgot a trusted browser', detail: '' }],
];

describe('describeEvent', () => {
  it.each(CASES)('%s %j', (type, detail, who, want) => {
    const described = describeEvent({ type, detail, ip: null, ...who });
    expect(described).toMatchObject(want);
    // Plain words only: no event type, no field key, no raw provider error.
    const shown = Object.values(described).join(' ');
    expect(shown).not.toMatch(/isApiAccount|_by_|\.failed|Resend|Twilio|requestId|\bidle \d/);
  });

  it('has a case for every event type the code writes, and a rule for each', () => {
    const written = eventTypesWrittenBy(join(__dirname, '..'));
    expect(written.size).toBeGreaterThan(30);
    for (const type of written) {
      expect(EVENT_RULES, `no words for ${type}`).toHaveProperty([type]);
      expect(
        CASES.some(([t]) => t === type),
        `no test case for ${type}`,
      ).toBe(true);
    }
  });

  it('never puts the recipient of a failed message in the "By" column', () => {
    const row = describeEvent({ type: 'email.failed', actor: null, target: USER, ip: null, detail: {} });
    expect(row.by).not.toBe(USER);
    expect(row.subject).toBe(USER);
  });

  it('names a deleted user by the label their events kept', () => {
    const deleted = { actor: null, target: null, ip: null };
    expect(
      describeEvent({ ...deleted, type: 'user.deleted', actor: ADMIN, targetLabel: USER, detail: { name: 'U' } }),
    ).toMatchObject({ by: ADMIN, subject: `deleted user ${USER}` });
    expect(
      describeEvent({ ...deleted, type: 'password.changed', actorLabel: USER, targetLabel: USER, detail: {} }),
    ).toMatchObject({ by: `deleted user ${USER}`, subject: '—' });
    expect(
      describeEvent({ ...deleted, type: '2fa.reset_by_admin', actorLabel: ADMIN, target: USER, detail: {} }),
    ).toMatchObject({ by: `deleted user ${ADMIN}`, subject: USER });
  });

  it('reads an unknown type as a plain security event', () => {
    expect(describeEvent({ type: 'x.y', actor: null, target: null, ip: null, detail: {} })).toMatchObject({
      what: 'Security event',
      by: '—',
    });
  });
});

describe('plainAddress', () => {
  it('shows IPv4 as people write it', () => {
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(plainAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(plainAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(plainAddress(null)).toBe('—');
  });
});

/** Event types in `type: '…'` literals and `select '…'` statements of non-test code under lib/. */
function eventTypesWrittenBy(root: string): Set<string> {
  const types = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/(?:type: |select )'([a-z0-9_]+\.[a-z0-9_.]+)'/g)) types.add(m[1]);
      }
    }
  };
  walk(root);
  return types;
}
